package io.tributary.service.e2e;

/**
 * Clients of the shared local stack, made once per test run: the stack's endpoints, SQL through
 * Trino, Kafka topics, and (on first use, as only Kinesis tests need the emulator) Kinesis streams.
 */
final class StackClients {
  private static StackClients shared;

  private final LocalStack stack;
  private final Trino trino;
  private final Topics topics;
  private Streams streams;

  private StackClients(LocalStack stack) {
    this.stack = stack;
    this.trino = new Trino(stack);
    this.topics = new Topics(stack);
  }

  static synchronized StackClients shared() {
    if (shared == null) {
      shared = new StackClients(LocalStack.fromEnvironment());
    }
    return shared;
  }

  LocalStack stack() {
    return stack;
  }

  Trino trino() {
    return trino;
  }

  Topics topics() {
    return topics;
  }

  /** Lives as long as the test run, like the stack itself. */
  synchronized Streams streams() {
    if (streams == null) {
      streams = new Streams();
    }
    return streams;
  }
}
