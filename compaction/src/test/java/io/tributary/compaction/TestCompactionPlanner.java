package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.junit.jupiter.api.Test;

class TestCompactionPlanner {
  private static final long MB = 1 << 20;
  private static final long NOW = 10_000_000L;
  private static final long TARGET = 100 * MB;
  private static final long UNLIMITED = Long.MAX_VALUE;
  // Target 100 MB; small below 75 MB; hot partitions compact at 4 small files; cold after 10 s.
  private static final CompactionSettings SETTINGS =
      new CompactionSettings(TARGET, 0.75, 4, Duration.ofSeconds(10), 1000 * MB, 1);

  private final CompactionPlanner planner = new CompactionPlanner(SETTINGS);

  @Test
  void coldPartitionsAreCompactedCompletely() {
    PartitionFiles cold = partition("day=1", NOW - 60_000, 10, 10, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), TARGET, NOW, UNLIMITED);

    assertThat(plan.snapshotId()).isEqualTo(7);
    assertThat(plan.groups()).hasSize(1);
    assertThat(plan.groups().get(0).files()).hasSize(3);
  }

  @Test
  void coldPartitionsRewriteEveryFileBelowTheTargetSoTheyEndWithTheFewestFiles() {
    // 300 MB in 7 files: rewriting all of them yields 3 files; packing only the small ones would
    // leave 90 MB and two part-filled bins, 4 files or more.
    PartitionFiles cold = partition("day=1", 0, 90, 60, 50, 40, 30, 20, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), TARGET, NOW, UNLIMITED);

    assertThat(plan.groups()).hasSize(1);
    assertThat(plan.groups().get(0).bytes()).isEqualTo(300 * MB);
  }

  @Test
  void groupsOfSortedTablesHoldOneTargetSize() {
    // Sorted in memory by the runner: the same 300 MB goes in groups of at most one target.
    PartitionFiles cold = partition("day=1", 0, 90, 60, 50, 40, 30, 20, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), TARGET, 1, NOW, UNLIMITED);

    assertThat(plan.groups()).isNotEmpty().allMatch(group -> group.bytes() <= TARGET);
  }

  @Test
  void coldPartitionsWithFilesAtTheTargetLeaveThemAlone() {
    PartitionFiles cold = partition("day=1", 0, 100, 120, 20, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), TARGET, NOW, UNLIMITED);

    assertThat(plan.groups()).hasSize(1);
    assertThat(plan.groups().get(0).files())
        .extracting(file -> file.fileSizeInBytes() / MB)
        .containsExactly(20L, 10L);
  }

  @Test
  void coldPartitionsAlreadyAsFewAsTheirBytesNeedAreNotRewritten() {
    // 100 + 90 + 80 MB need 3 files; one small file has nothing to merge with.
    PartitionFiles settled = partition("day=1", 0, 100, 90, 80, 10);

    CompactionPlan plan = planner.plan(7, List.of(settled), TARGET, NOW, UNLIMITED);

    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void largeColdPartitionsAreRewrittenInGroupsOfAtMostEightTargets() {
    long[] sizes = new long[40];
    java.util.Arrays.fill(sizes, 50);
    PartitionFiles cold = partition("day=1", 0, sizes);

    CompactionPlan plan = planner.plan(7, List.of(cold), TARGET, NOW, UNLIMITED);

    assertThat(plan.groups())
        .extracting(group -> group.bytes() / MB)
        .containsExactly(800L, 800L, 400L);
  }

  @Test
  void hotPartitionsWaitUntilTheirSmallFilesReachTheBound() {
    PartitionFiles belowBound = partition("day=2", NOW, 10, 10, 10);
    PartitionFiles atBound = partition("day=3", NOW, 10, 10, 10, 10);

    CompactionPlan plan = planner.plan(7, List.of(belowBound, atBound), TARGET, NOW, UNLIMITED);

    assertThat(plan.groups()).extracting(FileGroup::partition).containsExactly("day=3");
  }

  @Test
  void hotPartitionsPackSmallFilesIntoGroupsNearTheTarget() {
    PartitionFiles hot = partition("day=1", NOW, 90, 60, 50, 40, 30, 20, 10);

    CompactionPlan plan = planner.plan(7, List.of(hot), TARGET, NOW, UNLIMITED);

    // 90 MB is not small; the rest packs first-fit decreasing into 60+40, 50+30+20, and 10 alone.
    assertThat(plan.groups()).extracting(group -> group.bytes() / MB).containsExactly(100L, 100L);
  }

  @Test
  void aRunRewritesNoMoreThanTheBudgetLeftAndReportsTheLag() {
    List<PartitionFiles> partitions =
        List.of(
            partition("day=1", 0, 50, 50),
            partition("day=2", 0, 50, 50),
            partition("day=3", 0, 20, 20));

    CompactionPlan plan = planner.plan(7, partitions, TARGET, NOW, 150 * MB);

    assertThat(plan.groups()).extracting(FileGroup::partition).containsExactly("day=1", "day=3");
    assertThat(plan.bytes()).isLessThanOrEqualTo(150 * MB);
    // day=2 waits; its oldest small file was committed at time 0.
    assertThat(plan.layout().compactionLagMillis()).isEqualTo(NOW);
  }

  @Test
  void aSingleSmallFileIsLeftAlone() {
    CompactionPlan plan =
        planner.plan(7, List.of(partition("day=1", 0, 10, 90)), TARGET, NOW, UNLIMITED);

    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void theLayoutCountsFilesAndShowsTheMostCrowdedPartitions() {
    List<PartitionFiles> partitions =
        List.of(
            partition("day=1", NOW, 100, 10),
            partition("day=2", NOW, 10, 10, 10),
            partition("day=3", NOW, 100));

    FileLayout layout = planner.plan(7, partitions, TARGET, NOW, UNLIMITED).layout();

    assertThat(layout.dataFiles()).isEqualTo(6);
    assertThat(layout.smallFiles()).isEqualTo(4);
    assertThat(layout.partitions()).isEqualTo(3);
    assertThat(layout.compactionLagMillis()).isZero();
    assertThat(layout.crowdedPartitions())
        .extracting(PartitionLayout::partition)
        .containsExactly("day=2", "day=1");
  }

  private static PartitionFiles partition(String name, long lastWriteMillis, long... sizesInMb) {
    List<DataFile> files = new ArrayList<>();
    for (int i = 0; i < sizesInMb.length; i++) {
      files.add(
          DataFiles.builder(PartitionSpec.unpartitioned())
              .withPath("s3://lake/t/data/" + name + "/f" + i + ".parquet")
              .withFileSizeInBytes(sizesInMb[i] * MB)
              .withRecordCount(1)
              .build());
    }
    return new PartitionFiles(0, name, files, lastWriteMillis, 0);
  }
}
