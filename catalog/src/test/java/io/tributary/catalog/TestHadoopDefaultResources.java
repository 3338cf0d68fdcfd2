package io.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class TestHadoopDefaultResources {
  @Test
  void configurationsCreatedInsideStartWithoutTheDefaultFiles() {
    Configuration inside = HadoopDefaultResources.hidden(Configuration::new);
    inside.set("parquet.example", "1");

    assertThat(inside.get("fs.defaultFS")).isNull();
    assertThat(inside.size()).isEqualTo(1);
  }

  @Test
  void configurationsCreatedOutsideStillReadTheDefaultFiles() {
    HadoopDefaultResources.hidden(() -> "done");

    assertThat(new Configuration().get("fs.defaultFS")).isEqualTo("file:///");
  }

  @Test
  void theThreadsClassLoaderIsRestoredEvenWhenTheWorkFails() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    assertThatThrownBy(
            () ->
                HadoopDefaultResources.hidden(
                    () -> {
                      throw new IllegalStateException("write failed");
                    }))
        .hasMessage("write failed");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void defaultFilesRegisteredByOtherClientsAreHiddenToo() {
    Configuration.addDefaultResource("tributary-test-default.xml");

    Configuration inside = HadoopDefaultResources.hidden(Configuration::new);

    assertThat(inside.get("tributary.test.default")).isNull();
    assertThat(new Configuration().get("tributary.test.default")).isEqualTo("loaded");
    assertThat(HadoopDefaultResources.isDefaultFile("hdfs-site.xml")).isTrue();
    assertThat(HadoopDefaultResources.isDefaultFile("schemas/hive-default.xml")).isFalse();
    assertThat(HadoopDefaultResources.isDefaultFile("log4j2.xml")).isFalse();
  }
}
