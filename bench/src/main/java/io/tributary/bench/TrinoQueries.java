package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** SQL through Trino JDBC: what a user sees of a table. */
final class TrinoQueries implements AutoCloseable {
  private final Connection connection;

  TrinoQueries(String jdbcUrl) throws SQLException {
    requireNonNull(jdbcUrl, "jdbcUrl is null");
    Properties properties = new Properties();
    properties.setProperty("user", "bench");
    this.connection = DriverManager.getConnection(jdbcUrl, properties);
  }

  /** The single long value of a query, or -1 when the table does not exist yet. */
  long scalarOrMissing(String sql) {
    try {
      return scalar(sql);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("does not exist")) {
        return -1;
      }
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  long scalar(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The rows of a query, each as a list of its column values. */
  List<List<Object>> rows(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<List<Object>> result = new ArrayList<>();
      while (rows.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(rows.getObject(column));
        }
        result.add(row);
      }
      return result;
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
