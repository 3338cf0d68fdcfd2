package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How a mask step replaces a value's text. */
public sealed interface MaskMethod {
  String mask(String text);

  /**
   * A keyed HMAC-SHA256 of the text, in lower-case hex. The same key masks a value the same way in
   * every table, so masked columns still join; without the key the value cannot be guessed by
   * hashing candidates.
   */
  record Hash(byte[] key) implements MaskMethod {
    /** Shorter keys make guessing the key itself practical. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Map<Hash, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    public Hash {
      requireNonNull(key, "key is null");
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "the HMAC secret must have at least " + MIN_KEY_BYTES + " bytes");
      }
      key = key.clone();
    }

    public static Hash withSecret(String secret) {
      return new Hash(requireNonNull(secret, "secret is null").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String mask(String text) {
      // A Mac is not thread-safe and costly to look up: one per thread and key, reused.
      Map<Hash, Mac> macs = MACS.get();
      Mac mac = macs.computeIfAbsent(this, Hash::newMac);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
        return mac;
      } catch (InvalidKeyException e) {
        throw new IllegalStateException("HMAC-SHA256 refused the key", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 is not available", e);
      }
    }

    @Override
    public String toString() {
      // The key never appears in a log line or message.
      return "Hash[key=****]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Hash hash && java.util.Arrays.equals(key, hash.key);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(key);
    }
  }

  /** The same fixed text for every value. */
  record Redact(String replacement) implements MaskMethod {
    public static final String DEFAULT = "REDACTED";

    public Redact {
      requireNonNull(replacement, "replacement is null");
    }

    @Override
    public String mask(String text) {
      return replacement;
    }
  }

  /**
   * Keeps the last characters (the last four digits of a card), replacing the others with {@code
   * *}. A value no longer than what is kept is replaced whole, since keeping it would keep it all.
   */
  record KeepLast(int characters) implements MaskMethod {
    public KeepLast {
      if (characters < 1) {
        throw new IllegalArgumentException("keep must be at least 1, was " + characters);
      }
    }

    @Override
    public String mask(String text) {
      int length = text.codePointCount(0, text.length());
      if (length <= characters) {
        return "*".repeat(length);
      }
      int start = text.offsetByCodePoints(0, length - characters);
      return "*".repeat(length - characters) + text.substring(start);
    }
  }
}
