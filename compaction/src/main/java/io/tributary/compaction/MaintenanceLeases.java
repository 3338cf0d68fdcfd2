package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which replica maintains which table: the one holding the table's maintenance lease, a
 * table property ({@value MaintenanceLease#PROPERTY}) written with {@code TableOperations.commit
 * (base, updated)}. The catalog refuses that commit unless the table is still at {@code base} (Hive
 * Metastore 4's conditional update or its lock, Glue's version id), so of two replicas claiming a
 * free lease from the same metadata exactly one wins, and the loser reads the winner's lease before
 * trying again. {@code updateProperties()} is never used for it: it re-applies its change on
 * whatever the table holds after a conflict and would overwrite a rival's lease.
 *
 * <p>Why a lease in the table and not source ownership (the replica owning partition {@code
 * hash(table) mod n} of the consumer group maintains the table): ownership is per pipeline, while a
 * table can be written by several pipelines (several groups), and which pipelines write a routed
 * table is only known as records arrive, so replicas can disagree; the partition list changes with
 * topic growth and Kinesis resharding; and the catalog cannot see a group generation, so a replica
 * that lost its partitions during a long pause could still commit a rewrite. The lease lives where
 * the commits go, so the catalog itself refuses a rewrite by a replica that lost it, and it works
 * the same for Kafka, Kinesis and any number of pipelines per table.
 *
 * <p>Timing, as in Kubernetes leader election: a holder renews once half its lease has passed and
 * stops committing nine tenths of the way through it, counted from before it sent the renewal. A
 * rival takes the lease over only after it has seen the very same value for a whole lease duration,
 * on its own monotonic clock, so no wall clocks need to agree. Every maintenance commit goes
 * through {@link #fenced}: it is refused unless the metadata it is based on carries this replica's
 * current lease and the lease is still valid here; since the catalog checks that base atomically, a
 * commit after a rival's takeover is refused by the catalog, then by the fence.
 *
 * <p>Hand-over after a holder dies: every replica claims every table's lease once per tick (the
 * caller's schedule), so a rival sees the last renewal within one tick and takes over at its first
 * tick a lease duration after that: at most {@code lease-duration + 2 x tick} after the holder's
 * last renewal, hence after its death.
 */
public final class MaintenanceLeases {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceLeases.class);
  private static final int MAX_ATTEMPTS = 5;

  private final String replica;
  private final Duration duration;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<TableIdentifier, Holding> holdings = new ConcurrentHashMap<>();
  private final Map<TableIdentifier, Observation> observations = new ConcurrentHashMap<>();

  /**
   * @param replica this replica's id, unique among live replicas
   * @param duration how long a lease lasts without renewal
   * @param clock wall clock, only for the renewal time written into the lease
   * @param nanoTime monotonic clock, for every decision
   */
  public MaintenanceLeases(String replica, Duration duration, Clock clock, LongSupplier nanoTime) {
    this.replica = requireNonNull(replica, "replica is null");
    this.duration = requireNonNull(duration, "duration is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lease duration must be positive: " + duration);
    }
  }

  public String replica() {
    return replica;
  }

  /**
   * Reads the lease of a freshly loaded table, and takes it when it is free or has expired, or
   * renews it when this replica holds it and half of it has passed.
   */
  public LeaseState claim(TableIdentifier identifier, Table table) {
    return claim(identifier, operations(table), false);
  }

  /** Whether this replica holds the table's lease and may commit maintenance now. */
  public boolean holds(TableIdentifier identifier) {
    Holding holding = holdings.get(identifier);
    return holding != null && nanoTime.getAsLong() < holding.validUntil();
  }

  /**
   * The same table, whose commits are refused with {@link LeaseLostException} unless this replica
   * holds the lease in the metadata the commit is based on. A lease due for renewal is renewed
   * first.
   */
  public Table fenced(TableIdentifier identifier, Table table) {
    return new BaseTable(new FencedOperations(identifier, operations(table)), table.name());
  }

  /** Gives the lease up, so another replica takes the table at once; for a clean shutdown. */
  public void release(TableIdentifier identifier, Table table) {
    Holding holding = holdings.remove(identifier);
    if (holding == null) {
      return;
    }
    TableOperations operations = operations(table);
    TableMetadata base = operations.refresh();
    if (!holding.value().equals(base.property(MaintenanceLease.PROPERTY, null))) {
      return;
    }
    TableMetadata released =
        TableMetadata.buildFrom(base).removeProperties(Set.of(MaintenanceLease.PROPERTY)).build();
    try {
      operations.commit(base, released);
      LOG.info("Released the maintenance lease of {}", identifier);
    } catch (CommitFailedException | CommitStateUnknownException e) {
      // Nobody else takes it before it expires, and this replica commits nothing more to it.
      LOG.info("Could not release the maintenance lease of {}: {}", identifier, e.getMessage());
    }
  }

  private LeaseState claim(
      TableIdentifier identifier, TableOperations operations, boolean refreshFirst) {
    TableMetadata base = refreshFirst ? operations.refresh() : operations.current();
    for (int attempt = 1; ; attempt++) {
      String value = base.property(MaintenanceLease.PROPERTY, null);
      Optional<MaintenanceLease> current = MaintenanceLease.parse(value);
      long now = nanoTime.getAsLong();
      Holding holding = holdings.get(identifier);
      if (value != null && current.map(lease -> lease.holder().equals(replica)).orElse(false)) {
        if (holding != null && holding.value().equals(value) && now < holding.renewAt()) {
          return new LeaseState(current, true);
        }
      } else if (value != null) {
        if (holding != null) {
          lost(identifier, current);
        }
        Observation seen = observations.get(identifier);
        if (seen == null || !seen.value().equals(value)) {
          observations.put(identifier, new Observation(value, now));
          return new LeaseState(current, false);
        }
        Duration expiry = current.map(MaintenanceLease::duration).orElse(duration);
        if (now - seen.sinceNanos() < expiry.toNanos()) {
          return new LeaseState(current, false);
        }
        LOG.info(
            "The maintenance lease of {} by {} has not changed for {}; taking it over",
            identifier,
            current.map(MaintenanceLease::holder).orElse(value),
            expiry);
      }
      MaintenanceLease next = new MaintenanceLease(replica, renewalTime(current), duration);
      TableMetadata updated =
          TableMetadata.buildFrom(base)
              .setProperties(Map.of(MaintenanceLease.PROPERTY, next.format()))
              .build();
      long sent = nanoTime.getAsLong();
      try {
        operations.commit(base, updated);
      } catch (CommitFailedException conflict) {
        // The table moved (an append, a rival's lease): read it again and decide again.
        base = operations.refresh();
        if (attempt < MAX_ATTEMPTS) {
          continue;
        }
        return stateAfterFailedClaim(identifier, base);
      } catch (CommitStateUnknownException unknown) {
        // It may have landed; the next claim reads the table and renews it with a clean check.
        holdings.remove(identifier);
        return new LeaseState(current, false);
      }
      holdings.put(
          identifier,
          new Holding(
              next.format(),
              sent + duration.toNanos() / 2,
              sent + duration.toNanos() - duration.toNanos() / 10));
      observations.remove(identifier);
      if (holding == null) {
        LOG.info(
            "Replica {} now maintains {} (lease of {}; previous holder {})",
            replica,
            identifier,
            duration,
            current.map(MaintenanceLease::holder).orElse("none"));
      }
      return new LeaseState(Optional.of(next), true);
    }
  }

  /** Now, but always after the lease it replaces, so every renewal changes the value. */
  private Instant renewalTime(Optional<MaintenanceLease> previous) {
    Instant now = clock.instant();
    Instant after = previous.map(lease -> lease.renewedAt().plusNanos(1_000)).orElse(Instant.MIN);
    return now.isAfter(after) ? now : after;
  }

  private LeaseState stateAfterFailedClaim(TableIdentifier identifier, TableMetadata base) {
    String value = base.property(MaintenanceLease.PROPERTY, null);
    Holding holding = holdings.get(identifier);
    boolean stillHeld =
        holding != null
            && holding.value().equals(value)
            && nanoTime.getAsLong() < holding.validUntil();
    if (!stillHeld && holding != null) {
      lost(identifier, MaintenanceLease.parse(value));
    }
    return new LeaseState(MaintenanceLease.parse(value), stillHeld);
  }

  private void lost(TableIdentifier identifier, Optional<MaintenanceLease> now) {
    if (holdings.remove(identifier) != null) {
      LOG.info(
          "Replica {} no longer maintains {} (lease now held by {})",
          replica,
          identifier,
          now.map(MaintenanceLease::holder).orElse("nobody"));
    }
  }

  private static TableOperations operations(Table table) {
    if (table instanceof HasTableOperations withOperations) {
      return withOperations.operations();
    }
    throw new IllegalArgumentException(
        "Table " + table.name() + " has no table operations to hold a lease with");
  }

  /** This replica's lease of one table: the value it wrote, and its own deadlines. */
  private record Holding(String value, long renewAt, long validUntil) {}

  /** A rival's lease value, and when this replica first saw it. */
  private record Observation(String value, long sinceNanos) {}

  /** Commits of one table, refused unless based on this replica's valid lease. */
  private final class FencedOperations implements TableOperations {
    private final TableIdentifier identifier;
    private final TableOperations delegate;

    FencedOperations(TableIdentifier identifier, TableOperations delegate) {
      this.identifier = identifier;
      this.delegate = delegate;
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      String value = base == null ? null : base.property(MaintenanceLease.PROPERTY, null);
      Holding holding = holdings.get(identifier);
      long now = nanoTime.getAsLong();
      if (holding == null || now >= holding.validUntil()) {
        holdings.remove(identifier);
        throw new LeaseLostException(
            "Replica " + replica + " no longer holds the maintenance lease of " + identifier);
      }
      boolean ours =
          MaintenanceLease.parse(value).map(lease -> lease.holder().equals(replica)).orElse(false);
      if (!ours) {
        lost(identifier, MaintenanceLease.parse(value));
        throw new LeaseLostException(
            "The maintenance lease of "
                + identifier
                + " is held by "
                + MaintenanceLease.parse(value).map(MaintenanceLease::holder).orElse("nobody")
                + ", not by replica "
                + replica);
      }
      if (now >= holding.renewAt()) {
        claim(identifier, delegate, true);
        holding = holdings.get(identifier);
        if (holding == null || nanoTime.getAsLong() >= holding.validUntil()) {
          throw new LeaseLostException(
              "Replica " + replica + " could not renew the maintenance lease of " + identifier);
        }
      }
      // A base carrying an earlier lease of this replica is fine: the lease it holds now is valid,
      // so no rival can have taken over since. Refusing such a base would make every commit that
      // outlasts half a lease (a slow catalog, Iceberg's growing retry backoff) renew and fail
      // forever. A catalog that checks the whole base (Hive Metastore, Glue) refuses it anyway
      // after a renewal, and Iceberg's retry loop rebases the commit.
      delegate.commit(base, metadata);
    }

    @Override
    public TableMetadata current() {
      return delegate.current();
    }

    @Override
    public TableMetadata refresh() {
      return delegate.refresh();
    }

    @Override
    public FileIO io() {
      return delegate.io();
    }

    @Override
    public EncryptionManager encryption() {
      return delegate.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return delegate.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return delegate.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
      return delegate.temp(uncommittedMetadata);
    }

    @Override
    public long newSnapshotId() {
      return delegate.newSnapshotId();
    }

    @Override
    public boolean requireStrictCleanup() {
      return delegate.requireStrictCleanup();
    }
  }
}
