package io.tributary.service.e2e;

/**
 * Clients of the shared local stack, made once per test run: the stack's endpoints, SQL through
 * Trino, and Kafka topics.
 */
record StackClients(LocalStack stack, Trino trino, Topics topics) {
  private static StackClients shared;

  static synchronized StackClients shared() {
    if (shared == null) {
      LocalStack stack = LocalStack.fromEnvironment();
      shared = new StackClients(stack, new Trino(stack), new Topics(stack));
    }
    return shared;
  }
}
