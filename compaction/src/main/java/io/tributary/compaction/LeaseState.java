package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who holds a table's maintenance lease, as one replica saw it, and whether that replica may
 * maintain the table now.
 */
public record LeaseState(Optional<MaintenanceLease> lease, boolean heldHere) {
  public LeaseState {
    requireNonNull(lease, "lease is null");
  }

  /** The holder's replica id, if the table carries a readable lease. */
  public Optional<String> holder() {
    return lease.map(MaintenanceLease::holder);
  }
}
