package io.tributary.service.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** SQL through Trino's JDBC driver, as a user of the lake runs it. */
final class Trino {
  private final String url;

  Trino(LocalStack stack) {
    this.url = stack.trinoJdbcUrl();
  }

  List<List<Object>> query(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (result.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(result.getObject(column));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Runs a statement that returns no rows, such as DDL. */
  void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "tributary-tests");
    return DriverManager.getConnection(url, properties);
  }

  /** The single value of a one-row, one-column query. */
  Object scalar(String sql) throws SQLException {
    return query(sql).get(0).get(0);
  }

  boolean tableExists(String schema, String table) throws SQLException {
    return tableExists("iceberg", schema, table);
  }

  /** In one of Trino's catalogs: {@code iceberg} (Hive Metastore) or {@code iceberg_rest}. */
  boolean tableExists(String catalog, String schema, String table) throws SQLException {
    return !query(
            "SELECT 1 FROM "
                + catalog
                + ".information_schema.tables WHERE table_schema = '"
                + schema
                + "' AND table_name = '"
                + table
                + "'")
        .isEmpty();
  }
}
