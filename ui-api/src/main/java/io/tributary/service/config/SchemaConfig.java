package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a pipeline infers and evolves the schemas of its tables. */
public interface SchemaConfig {
  /**
   * Where a value goes that does not fit its existing column: {@code rescue} (into the row's {@code
   * _rescued_data} JSON) or {@code sibling} (into a typed column {@code <name>__<type>}).
   */
  @WithDefault("rescue")
  @Pattern(regexp = "rescue|sibling", message = "must be rescue or sibling")
  String typeConflict();

  /**
   * Forced forms by normalized dotted path ({@code customer.created_at}): {@code boolean}, {@code
   * long}, {@code double}, {@code string}, {@code decimal(p, s)}, {@code timestamptz}, {@code
   * timestamptz:epoch-seconds|epoch-millis|epoch-micros}, {@code map}, {@code struct}.
   */
  Map<String, String> hints();

  /** Objects with more distinct keys than this in a batch become {@code map<string, T>}. */
  @WithDefault("50")
  @Min(1)
  int mapKeyThreshold();

  /**
   * {@code hints-only}: only hinted fields (and the event-time field) become timestamps; {@code
   * iso-with-offset}: fields whose strings are all ISO-8601 with an offset become timestamptz.
   */
  @WithDefault("hints-only")
  @Pattern(regexp = "hints-only|iso-with-offset", message = "must be hints-only or iso-with-offset")
  String timestampDetection();

  /** Nesting deeper than this gets no columns; such values are rescued. */
  @WithDefault("16")
  @Min(1)
  int maxDepth();

  /** The most fields a table may have, nested ones included; more are rescued. */
  @WithDefault("2000")
  @Min(1)
  int maxColumns();

  /** The longest Glue type string of one column (Glue's own limit is 131072). */
  @WithDefault("131072")
  @Min(1)
  @Max(131_072)
  int maxTypeStringBytes();

  /** Normalized dotted paths masked in the drift ledger's record samples. */
  Optional<List<String>> redactedFields();

  /**
   * When a field's values do not all fit one type: the share of them, in percent, that a typed
   * column must hold exactly to be chosen over {@code string}; the values it does not hold are
   * rescued (or go to a {@code __string} sibling). 100 keeps the all-or-string rule.
   */
  @WithDefault("90")
  @Min(50)
  @Max(100)
  int typeEvidencePercent();

  /**
   * The most columns (nested fields included) one commit may add. New fields seen in the most
   * records go first; the others are rescued and may get a column in a later commit.
   */
  @WithDefault("200")
  @Min(1)
  int maxNewColumnsPerCommit();

  /**
   * The records of a batch a new top-level field must appear in before it gets a column; batches of
   * at most 100 records are exempt.
   */
  @WithDefault("2")
  @Min(1)
  int newColumnMinRecords();

  /**
   * While a table has at most this many snapshots (and at most a million rows), a top-level column
   * the evidence turned against is re-typed (to string, or long to double) by rewriting the table's
   * data files in one commit; 0 (the default) never re-types. Only for tables one replica writes: a
   * replica that wrote files with the old column while another re-typed it would commit them with a
   * column the table no longer has.
   */
  @WithDefault("0")
  @Min(0)
  int youngTableCommits();

  /** The longest record sample kept in the drift ledger. */
  @WithDefault("1024")
  @Min(1)
  int sampleBytes();
}
