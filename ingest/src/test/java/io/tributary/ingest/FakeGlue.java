package io.tributary.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/**
 * An in-process AWS Glue Data Catalog, written by hand, that refuses what the real service refuses
 * for the calls Iceberg's {@code GlueCatalog} makes: a table update whose {@code VersionId} is not
 * the current one ({@link ConcurrentModificationException}), database and table names that are not
 * lowercase or longer than 255 characters, column names and comments longer than 255 characters,
 * column type strings longer than 131,072 characters, parameter keys longer than 255 characters.
 * Calls it does not implement fail as {@code GlueClient}'s defaults do, with {@link
 * UnsupportedOperationException}, so a new call from Iceberg shows up at once.
 *
 * <p>Instances are shared by name, so a second catalog opened with the same name sees the same
 * tables, as a restarted service sees the real Glue.
 */
final class FakeGlue implements GlueClient {
  static final int NAME_LIMIT = 255;
  static final int COMMENT_LIMIT = 255;
  static final int TYPE_LIMIT = 131_072;
  static final int PARAMETER_VALUE_LIMIT = 512_000;

  private static final Map<String, FakeGlue> NAMED = new ConcurrentHashMap<>();

  private final Map<String, Database> databases = new TreeMap<>();
  private final Map<String, Map<String, Table>> tables = new HashMap<>();
  private final Map<String, List<Table>> archive = new HashMap<>();
  private final Set<String> catalogIds = new HashSet<>();
  private Runnable beforeNextUpdate;
  private int refusedUpdates;
  private int updatesWithoutVersion;

  static FakeGlue named(String name) {
    return NAMED.computeIfAbsent(name, ignored -> new FakeGlue());
  }

  /** Runs once at the start of the next UpdateTable call: a writer that got in between. */
  synchronized void beforeNextUpdate(Runnable interloper) {
    this.beforeNextUpdate = interloper;
  }

  synchronized int refusedUpdates() {
    return refusedUpdates;
  }

  synchronized int updatesWithoutVersion() {
    return updatesWithoutVersion;
  }

  /** Catalog ids that requests carried ({@code glue.id}); null when a request named none. */
  synchronized Set<String> catalogIds() {
    return Set.copyOf(catalogIds);
  }

  /** Earlier versions of a table kept by UpdateTable calls that did not skip the archive. */
  synchronized List<Table> archivedVersions(String database, String table) {
    return List.copyOf(archive.getOrDefault(database + "." + table, List.of()));
  }

  synchronized Table table(String database, String table) {
    return find(database, table);
  }

  @Override
  public String serviceName() {
    return "glue";
  }

  @Override
  public void close() {}

  @Override
  public synchronized CreateDatabaseResponse createDatabase(CreateDatabaseRequest request) {
    seen(request.catalogId());
    DatabaseInput input = request.databaseInput();
    String name = checkName("database", input.name());
    if (databases.containsKey(name)) {
      throw AlreadyExistsException.builder().message("Database already exists.").build();
    }
    checkParameters(input.parameters());
    databases.put(
        name,
        Database.builder()
            .name(name)
            .description(input.description())
            .locationUri(input.locationUri())
            .parameters(input.parameters())
            .catalogId(request.catalogId())
            .createTime(Instant.now())
            .build());
    tables.put(name, new TreeMap<>());
    return CreateDatabaseResponse.builder().build();
  }

  @Override
  public synchronized GetDatabaseResponse getDatabase(GetDatabaseRequest request) {
    seen(request.catalogId());
    Database database = databases.get(request.name());
    if (database == null) {
      throw EntityNotFoundException.builder()
          .message("Database " + request.name() + " not found.")
          .build();
    }
    return GetDatabaseResponse.builder().database(database).build();
  }

  @Override
  public synchronized GetDatabasesResponse getDatabases(GetDatabasesRequest request) {
    seen(request.catalogId());
    return GetDatabasesResponse.builder().databaseList(List.copyOf(databases.values())).build();
  }

  @Override
  public synchronized CreateTableResponse createTable(CreateTableRequest request) {
    seen(request.catalogId());
    Map<String, Table> inDatabase = database(request.databaseName());
    TableInput input = request.tableInput();
    String name = checkName("table", input.name());
    if (inDatabase.containsKey(name)) {
      throw AlreadyExistsException.builder().message("Table already exists.").build();
    }
    checkTableInput(input);
    inDatabase.put(name, stored(request.databaseName(), input, request.catalogId(), 1));
    return CreateTableResponse.builder().build();
  }

  @Override
  public synchronized GetTableResponse getTable(GetTableRequest request) {
    seen(request.catalogId());
    return GetTableResponse.builder().table(find(request.databaseName(), request.name())).build();
  }

  @Override
  public synchronized GetTablesResponse getTables(GetTablesRequest request) {
    seen(request.catalogId());
    return GetTablesResponse.builder()
        .tableList(List.copyOf(database(request.databaseName()).values()))
        .build();
  }

  @Override
  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    Runnable interloper;
    synchronized (this) {
      interloper = beforeNextUpdate;
      beforeNextUpdate = null;
    }
    if (interloper != null) {
      interloper.run();
    }
    synchronized (this) {
      seen(request.catalogId());
      TableInput input = request.tableInput();
      Table current = find(request.databaseName(), input.name());
      if (request.versionId() == null) {
        updatesWithoutVersion++;
      } else if (!request.versionId().equals(current.versionId())) {
        refusedUpdates++;
        throw ConcurrentModificationException.builder()
            .message(
                "Update table failed due to concurrent modifications: version "
                    + request.versionId()
                    + " is not the current version "
                    + current.versionId())
            .build();
      }
      checkTableInput(input);
      if (!Boolean.TRUE.equals(request.skipArchive())) {
        archive
            .computeIfAbsent(
                request.databaseName() + "." + input.name(), ignored -> new ArrayList<>())
            .add(current);
      }
      long version = Long.parseLong(current.versionId()) + 1;
      database(request.databaseName())
          .put(input.name(), stored(request.databaseName(), input, request.catalogId(), version));
      return UpdateTableResponse.builder().build();
    }
  }

  @Override
  public synchronized DeleteTableResponse deleteTable(DeleteTableRequest request) {
    seen(request.catalogId());
    find(request.databaseName(), request.name());
    database(request.databaseName()).remove(request.name());
    return DeleteTableResponse.builder().build();
  }

  private static Table stored(String database, TableInput input, String catalogId, long version) {
    return Table.builder()
        .databaseName(database)
        .name(input.name())
        .description(input.description())
        .owner(input.owner())
        .tableType(input.tableType())
        .parameters(input.parameters())
        .storageDescriptor(input.storageDescriptor())
        .partitionKeys(input.partitionKeys())
        .catalogId(catalogId)
        .versionId(Long.toString(version))
        .updateTime(Instant.now())
        .build();
  }

  private Map<String, Table> database(String name) {
    Map<String, Table> inDatabase = tables.get(name);
    if (inDatabase == null) {
      throw EntityNotFoundException.builder().message("Database " + name + " not found.").build();
    }
    return inDatabase;
  }

  private Table find(String database, String table) {
    Table found = database(database).get(table);
    if (found == null) {
      throw EntityNotFoundException.builder()
          .message("Table " + table + " not found in database " + database + ".")
          .build();
    }
    return found;
  }

  private void seen(String catalogId) {
    catalogIds.add(catalogId == null ? "null" : catalogId);
  }

  private static String checkName(String kind, String name) {
    if (name == null || name.isEmpty() || name.length() > NAME_LIMIT) {
      throw invalid(kind + " name must have between 1 and " + NAME_LIMIT + " characters: " + name);
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      throw invalid(kind + " name must be lowercase: " + name);
    }
    return name;
  }

  private static void checkTableInput(TableInput input) {
    checkParameters(input.parameters());
    if (input.storageDescriptor() == null) {
      return;
    }
    int index = 0;
    for (Column column : input.storageDescriptor().columns()) {
      String path = "tableInput.storageDescriptor.columns." + index++ + ".member";
      if (column.name() == null || column.name().isEmpty() || column.name().length() > NAME_LIMIT) {
        throw invalid("Value at '" + path + ".name' failed to satisfy constraint: length 1-255");
      }
      if (column.comment() != null && column.comment().length() > COMMENT_LIMIT) {
        throw invalid(
            "Value at '"
                + path
                + ".comment' failed to satisfy constraint: Member must have length less than or"
                + " equal to "
                + COMMENT_LIMIT);
      }
      if (column.type() != null && column.type().length() > TYPE_LIMIT) {
        throw invalid(
            "Value at '"
                + path
                + ".type' failed to satisfy constraint: Member must have length less than or"
                + " equal to "
                + TYPE_LIMIT);
      }
    }
  }

  private static void checkParameters(Map<String, String> parameters) {
    parameters.forEach(
        (key, value) -> {
          if (key.isEmpty() || key.length() > NAME_LIMIT) {
            throw invalid("parameter key must have between 1 and 255 characters: " + key);
          }
          if (value != null
              && value.getBytes(StandardCharsets.UTF_8).length > PARAMETER_VALUE_LIMIT) {
            throw invalid("parameter " + key + " is longer than " + PARAMETER_VALUE_LIMIT);
          }
        });
  }

  private static InvalidInputException invalid(String message) {
    return InvalidInputException.builder().message(message).build();
  }
}
