package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestMaintenanceLeases {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final TableIdentifier ORDERS = TableIdentifier.of("raw", "orders");

  private final AtomicLong nanos = new AtomicLong();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private final MaintenanceLeases first = replica("replica-a");
  private final MaintenanceLeases second = replica("replica-b");
  private InMemoryCatalog catalog;

  @BeforeEach
  void createTable() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    catalog.createTable(
        ORDERS,
        new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())),
        PartitionSpec.unpartitioned());
  }

  @Test
  void theFirstClaimTakesAFreeLeaseAndARivalSeesItsHolder() {
    assertThat(first.claim(ORDERS, load()).heldHere()).isTrue();

    LeaseState rival = second.claim(ORDERS, load());

    assertThat(rival.heldHere()).isFalse();
    assertThat(rival.holder()).contains("replica-a");
    assertThat(first.holds(ORDERS)).isTrue();
    assertThat(second.holds(ORDERS)).isFalse();
    assertThat(MaintenanceLease.parse(load().properties().get(MaintenanceLease.PROPERTY)))
        .contains(new MaintenanceLease("replica-a", clock.instant(), LEASE));
  }

  @Test
  void ofTwoReplicasClaimingFromTheSameMetadataExactlyOneWins() {
    Table seenByFirst = load();
    Table seenBySecond = load();

    LeaseState a = first.claim(ORDERS, seenByFirst);
    LeaseState b = second.claim(ORDERS, seenBySecond);

    // The second commit was based on metadata without a lease; the catalog refused it, and the
    // second replica read the first one's lease instead of overwriting it.
    assertThat(a.heldHere()).isTrue();
    assertThat(b.heldHere()).isFalse();
    assertThat(b.holder()).contains("replica-a");
  }

  @Test
  void aRivalTakesOverOnlyAfterSeeingTheSameLeaseForAWholeDuration() {
    first.claim(ORDERS, load());
    assertThat(second.claim(ORDERS, load()).heldHere()).isFalse();

    nanos.addAndGet(LEASE.toNanos() - 1);
    assertThat(second.claim(ORDERS, load()).heldHere()).isFalse();

    nanos.addAndGet(1);
    assertThat(second.claim(ORDERS, load()).heldHere()).isTrue();
    assertThat(first.holds(ORDERS)).isFalse();
    assertThat(first.claim(ORDERS, load()).holder()).contains("replica-b");
  }

  @Test
  void aHolderThatKeepsRenewingIsNeverTakenOver() {
    first.claim(ORDERS, load());
    for (int round = 0; round < 10; round++) {
      assertThat(second.claim(ORDERS, load()).heldHere()).isFalse();
      nanos.addAndGet(LEASE.toNanos() / 2);
      assertThat(first.claim(ORDERS, load()).heldHere()).isTrue();
    }
    assertThat(second.claim(ORDERS, load()).heldHere()).isFalse();
  }

  @Test
  void aHolderStopsBeforeARivalCanStart() {
    first.claim(ORDERS, load());
    second.claim(ORDERS, load());

    // Nine tenths in, the holder may no longer commit; the rival still waits for the rest.
    nanos.addAndGet(LEASE.toNanos() * 9 / 10);
    assertThat(first.holds(ORDERS)).isFalse();
    assertThat(second.claim(ORDERS, load()).heldHere()).isFalse();
  }

  @Test
  void aCommitByAReplicaThatLostTheLeaseIsRefused() {
    first.claim(ORDERS, load());
    Table fenced = first.fenced(ORDERS, load());
    second.claim(ORDERS, load());
    nanos.addAndGet(LEASE.toNanos());
    assertThat(second.claim(ORDERS, load()).heldHere()).isTrue();
    long snapshots = snapshotCount();

    assertThatThrownBy(() -> fenced.newAppend().set("k", "v").commit())
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("raw.orders");
    assertThat(snapshotCount()).isEqualTo(snapshots);
  }

  @Test
  void theCatalogRefusesACommitBasedOnMetadataFromBeforeARivalsTakeover() {
    first.claim(ORDERS, load());
    Table fenced = first.fenced(ORDERS, load());
    TableOperations operations = ((HasTableOperations) fenced).operations();
    TableMetadata stale = operations.current();
    // The rival's clock runs on (the holder was paused, say): it takes the lease over while the
    // holder still believes in it.
    AtomicLong rivalNanos = new AtomicLong();
    MaintenanceLeases rival = new MaintenanceLeases("replica-c", LEASE, clock, rivalNanos::get);
    rival.claim(ORDERS, load());
    rivalNanos.addAndGet(LEASE.toNanos());
    assertThat(rival.claim(ORDERS, load()).heldHere()).isTrue();
    assertThat(first.holds(ORDERS)).isTrue();

    TableMetadata updated =
        TableMetadata.buildFrom(stale).setProperties(Map.of("written-by", "replica-a")).build();
    assertThatThrownBy(() -> operations.commit(stale, updated))
        .isInstanceOf(CommitFailedException.class);
    // Iceberg's retry loop reads the table again and the fence refuses: the rival holds it now.
    assertThatThrownBy(() -> fenced.newAppend().commit()).isInstanceOf(LeaseLostException.class);
    assertThat(first.holds(ORDERS)).isFalse();
    assertThat(load().properties()).doesNotContainKey("written-by");
  }

  @Test
  void theHoldersOwnCommitsGoThroughAndRenewTheLeaseWhenDue() {
    first.claim(ORDERS, load());
    Table fenced = first.fenced(ORDERS, load());
    fenced.newAppend().set("k", "1").commit();

    nanos.addAndGet(LEASE.toNanos() / 2);
    String before = load().properties().get(MaintenanceLease.PROPERTY);
    fenced.newAppend().set("k", "2").commit();

    assertThat(snapshotCount()).isEqualTo(2);
    // Renewed: the value changed (a rival's observation starts again), the holder is the same.
    String after = load().properties().get(MaintenanceLease.PROPERTY);
    assertThat(after).isNotEqualTo(before);
    assertThat(MaintenanceLease.parse(after).map(MaintenanceLease::holder)).contains("replica-a");
    nanos.addAndGet(LEASE.toNanos() / 2);
    assertThat(first.holds(ORDERS)).isTrue();
  }

  @Test
  void appendsBetweenLoadingAndClaimingDoNotStopTheClaim() {
    Table stale = load();
    load().newAppend().commit();

    assertThat(first.claim(ORDERS, stale).heldHere()).isTrue();
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() {
    first.claim(ORDERS, load());
    second.claim(ORDERS, load());

    first.release(ORDERS, load());

    assertThat(load().properties()).doesNotContainKey(MaintenanceLease.PROPERTY);
    assertThat(second.claim(ORDERS, load()).heldHere()).isTrue();
  }

  @Test
  void leaseValuesRoundTripAndUnreadableOnesAreEmpty() {
    MaintenanceLease lease =
        new MaintenanceLease("host-1-ab", Instant.parse("2026-11-29T12:00:00Z"), LEASE);

    assertThat(MaintenanceLease.parse(lease.format())).contains(lease);
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-11-29T12:00:30Z"));
    assertThat(MaintenanceLease.parse("holder=x;renewed-at=yesterday;duration=PT1M")).isEmpty();
    assertThat(MaintenanceLease.parse("garbage")).isEmpty();
    assertThatThrownBy(() -> new MaintenanceLease("a;b", Instant.EPOCH, LEASE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreadableLeaseCountsAsHeldForTheConfiguredDuration() {
    load().updateProperties().set(MaintenanceLease.PROPERTY, "garbage").commit();

    assertThat(first.claim(ORDERS, load()).heldHere()).isFalse();
    nanos.addAndGet(LEASE.toNanos());
    assertThat(first.claim(ORDERS, load()).heldHere()).isTrue();
  }

  private MaintenanceLeases replica(String id) {
    return new MaintenanceLeases(id, LEASE, clock, nanos::get);
  }

  private Table load() {
    return catalog.loadTable(ORDERS);
  }

  private long snapshotCount() {
    int count = 0;
    for (var ignored : load().snapshots()) {
      count++;
    }
    return count;
  }
}
