package io.tributary.service.security;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks configured secrets in every log record before it is written: in the message and in the
 * messages of its exception chain (an exception quoting a secret is replaced by a copy with the
 * secret masked and the same stack trace). Libraries log what they were given; this makes sure that
 * a password handed to Kafka or the catalog does not come back in a log line.
 */
@LoggingFilter(name = "secret-redaction")
public final class SecretLogFilter implements Filter {
  private volatile SecretValues secrets;

  /** Reads the secrets from the configuration on the first record. */
  public SecretLogFilter() {}

  SecretLogFilter(SecretValues secrets) {
    this.secrets = secrets;
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    SecretValues known = secrets();
    if (known == null || known.size() == 0) {
      return true;
    }
    if (record instanceof ExtLogRecord extended) {
      String message = extended.getFormattedMessage();
      if (known.quotesSecret(message)) {
        extended.setMessage(known.redact(message), ExtLogRecord.FormatStyle.NO_FORMAT);
        extended.setParameters(null);
      }
    } else if (known.quotesSecret(record.getMessage())) {
      record.setMessage(known.redact(record.getMessage()));
      record.setParameters(null);
    }
    Throwable thrown = record.getThrown();
    if (thrown != null && chainQuotesSecret(thrown, known)) {
      record.setThrown(RedactedException.of(thrown, known));
    }
    return true;
  }

  private static boolean chainQuotesSecret(Throwable thrown, SecretValues known) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (known.quotesSecret(cause.getMessage()) || known.quotesSecret(cause.toString())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private SecretValues secrets() {
    SecretValues known = secrets;
    if (known == null) {
      try {
        known = SecretRedaction.fromConfig(ConfigProvider.getConfig());
        secrets = known;
      } catch (RuntimeException configNotReadyYet) {
        return null;
      }
    }
    return known;
  }
}
