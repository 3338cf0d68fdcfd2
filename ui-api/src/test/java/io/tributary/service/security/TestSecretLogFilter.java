package io.tributary.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

class TestSecretLogFilter {
  private final SecretLogFilter filter =
      new SecretLogFilter(SecretValues.ofValues(List.of("hunter2-password")));

  @Test
  void masksSecretsInFormattedMessages() {
    ExtLogRecord record =
        new ExtLogRecord(
            Level.WARN, "login as %s with %s failed", ExtLogRecord.FormatStyle.PRINTF, "x");
    record.setParameters(new Object[] {"svc", "hunter2-password"});

    assertThat(filter.isLoggable(record)).isTrue();
    assertThat(record.getFormattedMessage()).isEqualTo("login as svc with **** failed");
  }

  @Test
  void replacesExceptionsWhoseChainQuotesASecret() {
    ExtLogRecord record =
        new ExtLogRecord(Level.ERROR, "commit failed", ExtLogRecord.FormatStyle.NO_FORMAT, "x");
    IOException cause = new IOException("bad credentials hunter2-password for svc");
    record.setThrown(new IllegalStateException("wrapped", cause));

    assertThat(filter.isLoggable(record)).isTrue();
    String trace = stackTrace(record.getThrown());
    assertThat(trace)
        .doesNotContain("hunter2-password")
        .contains("java.lang.IllegalStateException: wrapped")
        .contains("java.io.IOException: bad credentials **** for svc")
        .contains("TestSecretLogFilter");
  }

  @Test
  void leavesOtherRecordsAlone() {
    IllegalStateException thrown = new IllegalStateException("nothing secret");
    ExtLogRecord record =
        new ExtLogRecord(Level.INFO, "all fine", ExtLogRecord.FormatStyle.NO_FORMAT, "x");
    record.setThrown(thrown);

    assertThat(filter.isLoggable(record)).isTrue();
    assertThat(record.getFormattedMessage()).isEqualTo("all fine");
    assertThat(record.getThrown()).isSameAs(thrown);
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
