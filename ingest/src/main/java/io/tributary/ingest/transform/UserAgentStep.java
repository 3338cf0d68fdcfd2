package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Parses a user-agent string field into a struct beside it: {@code device_class}, {@code
 * device_name}, {@code device_brand}, {@code os_name}, {@code os_version}, {@code browser_name},
 * {@code browser_version}, {@code agent_class}, with YAUAA. Its rule set takes seconds and a good
 * part of the heap to load, so it is loaded once per process, when a pipeline that configures this
 * step starts ({@code validate} never loads it).
 */
public final class UserAgentStep implements TransformStep {
  private static final Map<String, String> FIELDS = fields();

  private final FieldPath field;
  private final String target;

  public UserAgentStep(FieldPath field, String target) {
    this.field = requireNonNull(field, "field is null");
    this.target = requireNonNull(target, "target is null");
    if (target.isBlank() || target.contains(".")) {
      throw new IllegalArgumentException(
          "the target is a name beside the field, without dots: '" + target + "'");
    }
  }

  private static Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("device_class", UserAgent.DEVICE_CLASS);
    fields.put("device_name", UserAgent.DEVICE_NAME);
    fields.put("device_brand", UserAgent.DEVICE_BRAND);
    fields.put("os_name", UserAgent.OPERATING_SYSTEM_NAME);
    fields.put("os_version", UserAgent.OPERATING_SYSTEM_VERSION);
    fields.put("browser_name", UserAgent.AGENT_NAME);
    fields.put("browser_version", UserAgent.AGENT_VERSION);
    fields.put("agent_class", UserAgent.AGENT_CLASS);
    return java.util.Collections.unmodifiableMap(fields);
  }

  @Override
  public String type() {
    return "user-agent";
  }

  @Override
  public void open() {
    // Reading the holder's field initializes it: the rule set loads now.
    requireNonNull(Analyzer.INSTANCE, "user-agent analyzer is null");
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    field.forEach(
        record,
        (parent, key, value) -> {
          if (value == null || value.isNull()) {
            return;
          }
          if (!value.isTextual()) {
            throw new TransformException("field '" + field + "' is not a user-agent string");
          }
          UserAgent parsed = Analyzer.INSTANCE.parse(value.textValue());
          ObjectNode agent = JsonNodeFactory.instance.objectNode();
          for (Map.Entry<String, String> name : FIELDS.entrySet()) {
            String parsedValue = parsed.getValue(name.getValue());
            // YAUAA says "Unknown" or "??" where the string does not tell.
            boolean unknown = parsedValue == null || parsedValue.startsWith("??");
            agent.put(name.getKey(), unknown ? null : parsedValue);
          }
          parent.set(target, agent);
        });
    return true;
  }

  /** Loaded on first use: the holder class is initialized when a record first needs it. */
  private static final class Analyzer {
    static final UserAgentAnalyzer INSTANCE =
        UserAgentAnalyzer.newBuilder()
            .hideMatcherLoadStats()
            .withCache(10_000)
            .withFields(FIELDS.values().stream().toList())
            .immediateInitialization()
            .build();
  }

  @Override
  public String toString() {
    return "user-agent[" + field + " -> " + target + "]";
  }
}
