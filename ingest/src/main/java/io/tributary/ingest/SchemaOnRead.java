package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.TableProvisioner;
import io.tributary.schema.FieldHint;
import io.tributary.schema.FieldProfileView;
import io.tributary.schema.FieldProfiles;
import io.tributary.schema.ProfileSummaries;
import io.tributary.schema.SchemaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one pipeline needs to infer, evolve and watch the schemas of its tables: the schema settings
 * (with the event-time field as a timestamp hint), the evolver, the drift ledger and the per-table
 * field profiles.
 */
final class SchemaOnRead {
  // Objects that behave like maps could otherwise explode the number of profiled paths.
  private static final int MAX_PROFILED_FIELDS = 2_000;
  // Profiling every record would cost more than inference itself (an HLL update per value); a
  // spread sample of each commit keeps ratios and type histograms unbiased at a few percent.
  private static final int PROFILED_RECORDS_PER_COMMIT = 1_000;
  // Profiles are persisted as a table property: small (Hive Metastore parameters stay well under
  // their 32 KB column) and rarely (each write is a metadata commit).
  static final String PROFILES_PROPERTY = "tributary.field-profiles";
  private static final int MAX_PROFILE_BYTES = 16_384;
  private static final long PERSIST_INTERVAL_MILLIS = Duration.ofMinutes(5).toMillis();
  private static final Logger LOG = LoggerFactory.getLogger(SchemaOnRead.class);

  private final String pipeline;
  private final SchemaSettings settings;
  private final Supplier<Map<String, Type>> declaredTypes;
  private final Function<TableIdentifier, Map<String, FieldHint>> transformHints;
  private final Function<TableIdentifier, String> transformsVersion;
  private final SchemaEvolver evolver;
  private final DriftLedger ledger;
  private final Map<TableIdentifier, FieldProfiles> profiles = new ConcurrentHashMap<>();
  private final Map<TableIdentifier, Long> lastPersisted = new ConcurrentHashMap<>();

  SchemaOnRead(
      PipelineSettings pipelineSettings,
      Catalog catalog,
      TableProvisioner provisioner,
      SchemaEvolver.TableLayout layout,
      Supplier<Map<String, Type>> declaredTypes,
      Function<TableIdentifier, Map<String, FieldHint>> transformHints,
      Function<TableIdentifier, String> transformsVersion) {
    this.pipeline = pipelineSettings.name();
    this.transformsVersion = requireNonNull(transformsVersion, "transformsVersion is null");
    this.transformHints = requireNonNull(transformHints, "transformHints is null");
    this.settings = withEventTime(pipelineSettings);
    this.declaredTypes = requireNonNull(declaredTypes, "declaredTypes is null");
    this.evolver = new SchemaEvolver(provisioner, layout, this::settings);
    this.ledger = new DriftLedger(requireNonNull(catalog, "catalog is null"));
  }

  private static SchemaSettings withEventTime(PipelineSettings pipelineSettings) {
    SchemaSettings configured = pipelineSettings.schema();
    Optional<String> eventTime = pipelineSettings.eventTimeField();
    if (eventTime.isEmpty() || configured.hints().containsKey(eventTime.get())) {
      return configured;
    }
    Map<String, FieldHint> hints = new HashMap<>(configured.hints());
    hints.put(eventTime.get(), FieldHint.of(Types.TimestampType.withZone()));
    return configured.withHints(hints);
  }

  /** Every how many buffered records one is profiled. */
  static int profileStride(int batchSize) {
    return Math.max(1, batchSize / PROFILED_RECORDS_PER_COMMIT);
  }

  String pipeline() {
    return pipeline;
  }

  /**
   * The settings for the next batch: the configured ones, with the types the records declare (Avro
   * writer schemas) as hints where no hint is configured.
   */
  SchemaSettings settings() {
    Map<String, Type> declared = declaredTypes.get();
    if (declared.isEmpty()) {
      return settings;
    }
    Map<String, FieldHint> hints = new HashMap<>();
    declared.forEach((path, type) -> hints.put(path, FieldHint.of(type)));
    hints.putAll(settings.hints());
    return settings.withHints(hints);
  }

  /**
   * The settings for the next batch of a table: as {@link #settings()}, with the hints its
   * transform steps leave behind (a timestamp step's field) where no hint is configured.
   */
  SchemaSettings settings(TableIdentifier table) {
    SchemaSettings batch = settings();
    Map<String, FieldHint> fromTransforms = transformHints.apply(table);
    if (fromTransforms.isEmpty()) {
      return batch;
    }
    Map<String, FieldHint> hints = new HashMap<>(fromTransforms);
    hints.putAll(settings.hints());
    hints.putAll(batch.hints());
    return batch.withHints(hints);
  }

  /** The fingerprint of a table's transform steps, kept with each schema change. */
  String transformsVersion(TableIdentifier table) {
    return transformsVersion.apply(table);
  }

  SchemaEvolver evolver() {
    return evolver;
  }

  DriftLedger ledger() {
    return ledger;
  }

  FieldProfiles profiles(TableIdentifier table) {
    return profiles.computeIfAbsent(
        table, t -> new FieldProfiles(MAX_PROFILED_FIELDS, settings.maxDepth()));
  }

  Optional<List<FieldProfileView>> profileViews(TableIdentifier table) {
    return Optional.ofNullable(profiles.get(table)).map(FieldProfiles::views);
  }

  /**
   * Once per run, adds the profiles an earlier run persisted; then, every few minutes, persists the
   * profiles. A failure is logged: profiles are an aid, never a reason to hold back data.
   */
  void restoreOrPersistProfiles(TableIdentifier identifier, Table table, long nowMillis) {
    FieldProfiles tableProfiles = profiles(identifier);
    Long last = lastPersisted.putIfAbsent(identifier, nowMillis);
    if (last == null) {
      String stored = table.properties().get(PROFILES_PROPERTY);
      if (stored != null) {
        try {
          tableProfiles.restore(ProfileSummaries.read(stored));
        } catch (RuntimeException e) {
          LOG.warn("Ignoring unreadable field profiles of {}: {}", identifier, e.toString());
        }
      }
      return;
    }
    if (nowMillis - last < PERSIST_INTERVAL_MILLIS) {
      return;
    }
    lastPersisted.put(identifier, nowMillis);
    try {
      table
          .updateProperties()
          .set(PROFILES_PROPERTY, ProfileSummaries.write(tableProfiles.views(), MAX_PROFILE_BYTES))
          .commit();
    } catch (RuntimeException e) {
      LOG.warn("Cannot persist the field profiles of {}: {}", identifier, e.toString());
    }
  }

  JsonRows rows(TableIdentifier table) {
    return new JsonRows(this, table);
  }
}
