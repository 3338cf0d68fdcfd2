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
  // Target 100 MB; small below 75 MB; hot partitions compact at 4 small files; cold after 10 s.
  private static final CompactionSettings SETTINGS =
      new CompactionSettings(100 * MB, 0.75, 4, Duration.ofSeconds(10), 1000 * MB);

  private final CompactionPlanner planner = new CompactionPlanner(SETTINGS);

  @Test
  void coldPartitionsAreCompactedCompletely() {
    PartitionFiles cold = partition("day=1", NOW - 60_000, 10, 10, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), NOW);

    assertThat(plan.snapshotId()).isEqualTo(7);
    assertThat(plan.groups()).hasSize(1);
    assertThat(plan.groups().get(0).files()).hasSize(3);
  }

  @Test
  void hotPartitionsWaitUntilTheirSmallFilesReachTheBound() {
    PartitionFiles belowBound = partition("day=2", NOW, 10, 10, 10);
    PartitionFiles atBound = partition("day=3", NOW, 10, 10, 10, 10);

    CompactionPlan plan = planner.plan(7, List.of(belowBound, atBound), NOW);

    assertThat(plan.groups()).extracting(FileGroup::partition).containsExactly("day=3");
  }

  @Test
  void largeFilesStayAndGroupsStayNearTheTarget() {
    PartitionFiles cold = partition("day=1", 0, 90, 60, 50, 40, 30, 20, 10);

    CompactionPlan plan = planner.plan(7, List.of(cold), NOW);

    // 90 MB is not small; the rest packs first-fit decreasing into 60+40, 50+30+20, and 10 alone.
    assertThat(plan.groups()).extracting(group -> group.bytes() / MB).containsExactly(100L, 100L);
    assertThat(plan.groups())
        .allSatisfy(group -> assertThat(group.bytes()).isLessThanOrEqualTo(100 * MB));
  }

  @Test
  void oneRunRewritesNoMoreThanItsBudget() {
    CompactionPlanner tight =
        new CompactionPlanner(
            new CompactionSettings(100 * MB, 0.75, 4, Duration.ofSeconds(10), 150 * MB));
    List<PartitionFiles> partitions =
        List.of(
            partition("day=1", 0, 50, 50),
            partition("day=2", 0, 50, 50),
            partition("day=3", 0, 20, 20));

    CompactionPlan plan = tight.plan(7, partitions, NOW);

    assertThat(plan.groups()).extracting(FileGroup::partition).containsExactly("day=1", "day=3");
    assertThat(plan.bytes()).isLessThanOrEqualTo(150 * MB);
  }

  @Test
  void aSingleSmallFileIsLeftAlone() {
    CompactionPlan plan = planner.plan(7, List.of(partition("day=1", 0, 10, 90)), NOW);

    assertThat(plan.isEmpty()).isTrue();
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
    return new PartitionFiles(0, name, files, lastWriteMillis);
  }
}
