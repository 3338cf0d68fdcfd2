import java.io.Reader;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts Apache Iceberg's REST catalog server (the one behind Iceberg's REST fixture image, from
 * iceberg-open-api's test fixtures) on 127.0.0.1 only. Its own main, RESTCatalogServer, listens on
 * every interface and takes its settings from CATALOG_* environment variables; this program serves
 * the same catalog adapter and servlet from a Jetty connector bound to one host, with the settings
 * from a properties file. Run as a single-file program with the server's jars on the class path:
 *
 * <pre>java -cp 'lib/*' RestCatalogLoopback.java catalog.properties</pre>
 *
 * The file holds the backend catalog's properties (catalog-impl, uri, warehouse, io-impl, s3.*)
 * plus rest.host and rest.port.
 */
public final class RestCatalogLoopback {
  private RestCatalogLoopback() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: RestCatalogLoopback <catalog.properties>");
    }
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
      file.load(reader);
    }
    Map<String, String> config = new HashMap<>();
    file.stringPropertyNames().forEach(name -> config.put(name, file.getProperty(name)));
    String host = config.remove("rest.host");
    int port = Integer.parseInt(config.remove("rest.port"));
    String name = config.getOrDefault("catalog.name", "rest_backend");

    Catalog backend = CatalogUtil.buildIcebergCatalog(name, config, null);
    RESTCatalogServlet servlet = new RESTCatalogServlet(fixtureAdapter(backend, config));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(new ServletHolder(servlet), "/*");
    server.setHandler(context);
    server.start();
    System.err.printf("Iceberg REST catalog %s listening on http://%s:%d%n", name, host, port);
    server.join();
  }

  // The fixture's adapter and its context record are package-private; constructing them
  // reflectively serves requests exactly as the fixture image does.
  private static RESTCatalogAdapter fixtureAdapter(Catalog backend, Map<String, String> config)
      throws ReflectiveOperationException {
    Class<?> contextType = Class.forName("org.apache.iceberg.rest.RESTCatalogServer$CatalogContext");
    Constructor<?> newContext = contextType.getDeclaredConstructor(Catalog.class, Map.class);
    newContext.setAccessible(true);
    Object context = newContext.newInstance(backend, config);
    Constructor<?> newAdapter =
        Class.forName("org.apache.iceberg.rest.RESTServerCatalogAdapter")
            .getDeclaredConstructor(contextType);
    newAdapter.setAccessible(true);
    return (RESTCatalogAdapter) newAdapter.newInstance(context);
  }
}
