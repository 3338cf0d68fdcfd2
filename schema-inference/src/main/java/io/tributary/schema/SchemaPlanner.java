package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Decides how a table's schema changes so that observed records fit. Only automatic, lossless
 * changes: add optional columns (top level or nested), make columns optional, legal widenings. An
 * existing column is never dropped, renamed, reordered or retyped otherwise: values that do not fit
 * it are rescued, or, under the sibling policy, get a typed sibling column {@code <name>__<type>}.
 * Additions past the configured caps (column count, Glue type-string length) are left out, so their
 * values are rescued.
 */
public final class SchemaPlanner {
  static final String SIBLING_SEPARATOR = "__";

  private final SchemaSettings settings;

  public SchemaPlanner(SchemaSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /**
   * @param hints types forced for columns, by normalized column path
   */
  public SchemaPlanner(Map<String, Type> hints) {
    this(SchemaSettings.defaults().withHints(typeHints(hints)));
  }

  public List<ColumnAddition> plan(Types.StructType table, Types.StructType observed) {
    return changes(table, observed).additions();
  }

  public SchemaChanges changes(Types.StructType table, Types.StructType observed) {
    return changes(table, observed, FieldPresence.unknown());
  }

  /**
   * @param presence in how many records of the batch each top-level field appeared: new fields go
   *     by it against the per-commit column budget and the minimum number of records
   */
  public SchemaChanges changes(
      Types.StructType table, Types.StructType observed, FieldPresence presence) {
    requireNonNull(table, "table is null");
    requireNonNull(observed, "observed is null");
    requireNonNull(presence, "presence is null");
    Planning planning = new Planning(table);
    planning.refused.putAll(refusedNewFields(table, observed, presence));
    planning.collect(Optional.empty(), table, observed);
    return new SchemaChanges(
        planning.additions,
        planning.widenings,
        planning.madeOptional,
        planning.capped,
        planning.contested);
  }

  /**
   * The name of the column that holds values of {@code type} conflicting with column {@code name}.
   */
  public static String siblingName(String name, Type type) {
    String suffix = SIBLING_SEPARATOR + typeName(type);
    int room = ColumnNames.MAX_BYTES - suffix.length();
    return (name.length() > room ? name.substring(0, room) : name) + suffix;
  }

  static String typeName(Type type) {
    return switch (type.typeId()) {
      case TIMESTAMP -> "timestamptz";
      default -> type.typeId().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Map<String, FieldHint> typeHints(Map<String, Type> hints) {
    Map<String, FieldHint> converted = new HashMap<>();
    hints.forEach((path, type) -> converted.put(path, FieldHint.of(type)));
    return converted;
  }

  /**
   * Whether values observed as {@code observed} are placed in a column of type {@code existing}.
   */
  static boolean fits(Type existing, Type observed) {
    if (existing.equals(observed)) {
      return true;
    }
    if (existing.isStructType() || existing.isListType() || existing.isMapType()) {
      // Nested types are descended into; an object into a map column fits key by key.
      return existing.isMapType()
          ? observed.isStructType() || observed.isMapType()
          : existing.typeId() == observed.typeId();
    }
    if (!observed.isPrimitiveType()) {
      return false;
    }
    return switch (existing.typeId()) {
      // Any scalar is kept in a string column as its exact JSON text.
      case STRING -> true;
      // Timestamp columns take ISO-8601 strings (or epoch numbers with a declared unit).
      case TIMESTAMP -> observed.typeId() == Type.TypeID.STRING;
      case DOUBLE, DECIMAL -> observed.typeId() == Type.TypeID.LONG;
      default -> false;
    };
  }

  /**
   * The new top-level fields that get no column this commit, with the reason: seen in too few
   * records of a batch that is not small, or past the per-commit column budget, which the fields
   * seen in the most records spend first. A record with thousands of keys thus adds no column of
   * its own in a busy stream, and at most the budget in a quiet one.
   */
  private Map<String, String> refusedNewFields(
      Types.StructType table, Types.StructType observed, FieldPresence presence) {
    Map<String, String> refused = new HashMap<>();
    List<Types.NestedField> candidates = new ArrayList<>();
    for (Types.NestedField field : observed.fields()) {
      if (table.field(field.name()) != null) {
        continue;
      }
      long seen = presence.of(field.name());
      if (!presence.isSmallBatch() && seen < settings.newColumnMinRecords()) {
        refused.put(
            field.name(),
            field.name()
                + " (in "
                + seen
                + " of "
                + presence.records()
                + " records, under new-column-min-records "
                + settings.newColumnMinRecords()
                + ")");
      } else {
        candidates.add(field);
      }
    }
    // Stable: among fields seen equally often, the first observed goes first.
    candidates.sort(Comparator.comparingLong(field -> -presence.of(field.name())));
    int budget = settings.maxNewColumnsPerCommit();
    for (Types.NestedField field : candidates) {
      int size =
          1 + fieldCount(settings.hint(field.name()).flatMap(FieldHint::type).orElse(field.type()));
      if (size <= budget) {
        budget -= size;
      } else {
        refused.put(field.name(), overBudget(field.name()));
      }
    }
    return refused;
  }

  private String overBudget(String path) {
    return path + " (over max-new-columns-per-commit " + settings.maxNewColumnsPerCommit() + ")";
  }

  /** The state of one planning run. */
  private final class Planning {
    private final List<ColumnAddition> additions = new ArrayList<>();
    private final List<ColumnWidening> widenings = new ArrayList<>();
    private final List<String> madeOptional = new ArrayList<>();
    private final List<String> capped = new ArrayList<>();
    private final List<ColumnRetype> contested = new ArrayList<>();
    private final Map<String, Integer> typeStringBytes = new HashMap<>();
    private final Map<String, String> refused = new HashMap<>();
    private int columns;
    private int added;

    Planning(Types.StructType table) {
      this.columns = fieldCount(table);
      for (Types.NestedField field : table.fields()) {
        typeStringBytes.put(field.name(), bytes(GlueTypeStrings.of(field.type())));
      }
    }

    void collect(Optional<String> parent, Types.StructType table, Types.StructType observed) {
      for (Types.NestedField field : observed.fields()) {
        String path = parent.map(p -> p + "." + field.name()).orElse(field.name());
        Types.NestedField existing = table.field(field.name());
        if (existing == null && parent.isEmpty() && refused.containsKey(field.name())) {
          capped.add(refused.get(field.name()));
          continue;
        }
        if (existing == null) {
          add(parent, field.name(), hinted(path, field.type()), Optional.ofNullable(field.doc()));
          continue;
        }
        if (existing.isRequired() && field.isOptional()) {
          madeOptional.add(path);
        }
        Type observedType = hinted(path, field.type());
        if (existing.type().isNestedType() && existing.type().typeId() == observedType.typeId()) {
          collectNested(path, existing.type(), observedType);
        } else if (existing.type().isPrimitiveType()
            && observedType.isPrimitiveType()
            && ColumnWidening.isLegal(
                existing.type().asPrimitiveType(), observedType.asPrimitiveType())) {
          widenings.add(
              new ColumnWidening(
                  path, existing.type().asPrimitiveType(), observedType.asPrimitiveType()));
        } else {
          contest(parent, existing, observedType);
          if (settings.typeConflict() == SchemaSettings.TypeConflict.SIBLING
              && !fits(existing.type(), observedType)) {
            String sibling = siblingName(field.name(), observedType);
            if (table.field(sibling) == null) {
              add(parent, sibling, observedType, Optional.ofNullable(field.doc()));
            }
          }
        }
      }
      // A required column that some record lacked must accept nulls from now on.
      for (Types.NestedField existing : table.fields()) {
        if (existing.isRequired() && observed.field(existing.name()) == null) {
          madeOptional.add(parent.map(p -> p + "." + existing.name()).orElse(existing.name()));
        }
      }
    }

    /** A top-level scalar column the evidence turned against, for a young table to re-type. */
    private void contest(Optional<String> parent, Types.NestedField existing, Type observed) {
      if (parent.isEmpty()
          && existing.type().isPrimitiveType()
          && observed.isPrimitiveType()
          && !fits(existing.type(), observed)) {
        contested.add(new ColumnRetype(existing.name(), existing.type(), observed));
      }
    }

    /** Descends into structs, into structs held by lists and into map values. */
    private void collectNested(String path, Type existing, Type observed) {
      if (existing.isStructType() && observed.isStructType()) {
        collect(Optional.of(path), existing.asStructType(), observed.asStructType());
      } else if (existing.isListType() && observed.isListType()) {
        Type element = observed.asListType().elementType();
        Type existingElement = existing.asListType().elementType();
        if (existingElement.isNestedType() && existingElement.typeId() == element.typeId()) {
          collectNested(path + ".element", existingElement, element);
        }
      } else if (existing.isMapType() && observed.isMapType()) {
        Type value = observed.asMapType().valueType();
        Type existingValue = existing.asMapType().valueType();
        if (existingValue.isNestedType() && existingValue.typeId() == value.typeId()) {
          collectNested(path + ".value", existingValue, value);
        }
      }
    }

    private void add(Optional<String> parent, String name, Type type, Optional<String> doc) {
      ColumnAddition addition = new ColumnAddition(parent, name, optional(type), doc);
      int added = 1 + fieldCount(addition.type());
      String topLevel = parent.map(p -> p.split("\\.", 2)[0]).orElse(name);
      int typeBytes =
          parent.isEmpty()
              ? bytes(GlueTypeStrings.of(addition.type()))
              : typeStringBytes.getOrDefault(topLevel, 0)
                  + bytes(name + ":" + GlueTypeStrings.of(addition.type()) + ",");
      if (columns + added > settings.maxColumns()) {
        capped.add(addition.path() + " (over " + settings.maxColumns() + " columns)");
        return;
      }
      if (this.added + added > settings.maxNewColumnsPerCommit()) {
        capped.add(overBudget(addition.path()));
        return;
      }
      if (typeBytes > settings.maxTypeStringBytes()) {
        capped.add(
            addition.path() + " (type string over " + settings.maxTypeStringBytes() + " bytes)");
        return;
      }
      columns += added;
      this.added += added;
      typeStringBytes.put(topLevel, typeBytes);
      additions.add(addition);
    }

    private Type hinted(String path, Type observed) {
      return settings.hint(path).flatMap(FieldHint::type).orElse(observed);
    }
  }

  /** Added columns are optional all the way down: later records may lack any of their fields. */
  static Type optional(Type type) {
    if (type.isStructType()) {
      List<Types.NestedField> fields = new ArrayList<>();
      for (Types.NestedField field : type.asStructType().fields()) {
        fields.add(
            Types.NestedField.optional(
                field.fieldId(), field.name(), optional(field.type()), field.doc()));
      }
      return Types.StructType.of(fields);
    }
    if (type.isListType()) {
      return Types.ListType.ofOptional(
          type.asListType().elementId(), optional(type.asListType().elementType()));
    }
    if (type.isMapType()) {
      Types.MapType map = type.asMapType();
      return Types.MapType.ofOptional(
          map.keyId(), map.valueId(), map.keyType(), optional(map.valueType()));
    }
    return type;
  }

  static int fieldCount(Type type) {
    if (type.isStructType()) {
      int count = 0;
      for (Types.NestedField field : type.asStructType().fields()) {
        count += 1 + fieldCount(field.type());
      }
      return count;
    }
    if (type.isListType()) {
      return 1 + fieldCount(type.asListType().elementType());
    }
    if (type.isMapType()) {
      return 2 + fieldCount(type.asMapType().valueType());
    }
    return 0;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
