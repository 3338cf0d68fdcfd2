package io.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic e-commerce order events, about 1 KB each: nested customer and address, line items, a
 * timestamp, a few high-cardinality strings. The same seed always yields the same events, so runs
 * can be compared.
 */
public final class EventGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COUNTRIES =
      List.of("NO", "DE", "FR", "US", "BR", "JP", "IN", "KE");
  private static final List<String> CHANNELS = List.of("web", "ios", "android", "store", "partner");
  private static final List<String> STATUSES =
      List.of("created", "paid", "shipped", "delivered", "returned");
  private static final List<String> PRODUCTS =
      List.of(
          "kayak", "paddle", "dry bag", "life vest", "tent", "stove", "headlamp", "map", "rope");
  private static final List<String> AGENTS =
      List.of(
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");

  private final SplittableRandom random;
  private final Instant start;
  private final long spreadMillis;
  private long sequence;

  public EventGenerator(long seed, Instant start) {
    this(seed, start, Duration.ZERO);
  }

  /**
   * Events of a backfill when {@code spread} is positive: each event happened at a random moment
   * within {@code spread} before the start instant, as when history is read back in arrival order
   * and event times scatter over many partitions.
   */
  public EventGenerator(long seed, Instant start, Duration spread) {
    this.random = new SplittableRandom(seed);
    this.start = start.truncatedTo(ChronoUnit.MILLIS);
    this.spreadMillis = spread.toMillis();
  }

  /**
   * The next event; event times advance about 20 ms per event from the start instant, with a few
   * late arrivals (or scatter over the spread, see the constructor).
   */
  public ObjectNode next() {
    long id = sequence++;
    ObjectNode event = JSON.createObjectNode();
    event.put("order_id", id);
    event.put("order_uuid", new UUID(random.nextLong(), random.nextLong()).toString());
    Instant eventTime = start.plusMillis(id * 20 + random.nextInt(20));
    if (spreadMillis > 0) {
      eventTime = start.minusMillis(random.nextLong(spreadMillis));
    } else if (random.nextInt(20) == 0) {
      // Late arrivals: one event in twenty happened up to three days before it was sent.
      eventTime = eventTime.minusSeconds(random.nextLong(3 * 24 * 3600));
    }
    event.put("event_time", eventTime.toString());
    event.put("status", pick(STATUSES));
    event.put("channel", pick(CHANNELS));
    event.put(
        "session_id", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    event.put("user_agent", pick(AGENTS));
    event.put(
        "ip_address",
        random.nextInt(1, 224)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(1, 255));
    event.put("coupon_code", random.nextInt(10) == 0 ? "SPRING" + random.nextInt(100) : null);
    event.put("gift", random.nextInt(20) == 0);
    event.put("priority", random.nextInt(1, 4));

    ObjectNode customer = event.putObject("customer");
    customer.put("customer_id", random.nextLong(1, 5_000_000));
    customer.put("email", "user" + random.nextInt(1_000_000) + "@example.com");
    customer.put("loyalty_tier", pick(List.of("none", "silver", "gold", "platinum")));
    customer.put(
        "signup_date",
        start.minus(random.nextInt(3650), ChronoUnit.DAYS).toString().substring(0, 10));
    ObjectNode address = customer.putObject("address");
    address.put(
        "street",
        random.nextInt(1, 400)
            + " "
            + pick(List.of("Fjord", "River", "Lake", "Harbour"))
            + " Road");
    address.put(
        "city",
        pick(List.of("Oslo", "Berlin", "Lyon", "Austin", "Recife", "Osaka", "Pune", "Nairobi")));
    address.put("postal_code", String.format("%05d", random.nextInt(100_000)));
    address.put("country", pick(COUNTRIES));

    ArrayNode items = event.putArray("items");
    int itemCount = random.nextInt(1, 4);
    long totalCents = 0;
    for (int i = 0; i < itemCount; i++) {
      ObjectNode item = items.addObject();
      long priceCents = random.nextLong(199, 99_999);
      int quantity = random.nextInt(1, 5);
      item.put("sku", "SKU-" + random.nextInt(100_000));
      item.put("name", pick(PRODUCTS));
      item.put("quantity", quantity);
      item.put("unit_price", priceCents / 100.0);
      totalCents += priceCents * quantity;
    }
    event.put("currency", "EUR");
    event.put("total_amount", totalCents / 100.0);
    event.put("shipping_cost", random.nextInt(0, 2_000) / 100.0);
    event.put("tax_rate", 0.25);
    event.put("warehouse", "WH-" + random.nextInt(1, 12));
    event.put("note", random.nextInt(5) == 0 ? "Leave at the door, please. Ring twice." : "");
    return event;
  }

  public static byte[] bytes(ObjectNode event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an event", e);
    }
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
