package io.tributary.service.terraform;

import static io.tributary.service.terraform.TerraformSources.all;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.service.terraform.TerraformSources.Block;
import io.tributary.service.terraform.TerraformSources.TerraformFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example under terraform/examples calls the module with all it requires, and its pipeline
 * YAML, with Terraform's placeholders filled in, passes the service's {@code validate} command.
 */
class TerraformExamplesIT {
  private static final Set<String> META_ARGUMENTS =
      Set.of("source", "version", "providers", "depends_on", "count", "for_each");

  /** Values like the ones Terraform fills in on apply, for the placeholders of the templates. */
  private static final Map<String, String> SAMPLE_VALUES =
      Map.of(
          "warehouse", "s3://tributary-orders-lake-123456789012/warehouse",
          "region", "eu-west-1",
          "bootstrap_servers",
              "b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,"
                  + "b-2.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098",
          "topic", "orders",
          "consumer_group", "tributary-orders",
          "stream", "clicks",
          "application_name", "tributary-clicks");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
  private static final Pattern TEMPLATE_CALL =
      Pattern.compile(
          "templatefile\\(\"\\$\\{path\\.module}/([^\"]+)\", \\{(.*)}\\)", Pattern.DOTALL);
  private static final Pattern TEMPLATE_KEY = Pattern.compile("(?m)^\\s*\"?([a-z_]+)\"?\\s*=");

  static List<Path> examples() {
    return TerraformSources.exampleDirectories();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void callsTheModuleWithEveryRequiredInputAndNoUnknownOne(Path example) {
    TerraformSources sources = TerraformSources.get();
    Block call = moduleCall(sources.in(example));
    Set<String> variables = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    for (Block variable : all(sources.module(), "variable")) {
      variables.add(variable.name());
      if (!variable.body().has("default")) {
        required.add(variable.name());
      }
    }
    Set<String> arguments = new TreeSet<>();
    call.body().fieldNames().forEachRemaining(arguments::add);

    assertThat(call.body().path("source").asText()).isEqualTo("../..");
    assertThat(arguments).as("required inputs passed by " + example).containsAll(required);
    arguments.removeAll(META_ARGUMENTS);
    assertThat(variables).as("inputs the module declares").containsAll(arguments);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void pipelineYamlPassesTheServicesValidateCommand(Path example)
      throws IOException, InterruptedException {
    Block call = moduleCall(TerraformSources.get().in(example));
    Matcher template = TEMPLATE_CALL.matcher(call.body().path("pipeline_yaml").asText());
    assertThat(template.find()).as("pipeline_yaml of " + example + " is a templatefile()").isTrue();
    Set<String> passed = new TreeSet<>();
    Matcher key = TEMPLATE_KEY.matcher(template.group(2).replace(",", "\n"));
    while (key.find()) {
      passed.add(key.group(1));
    }

    String yaml = Files.readString(example.resolve(template.group(1)));
    Set<String> used = new TreeSet<>();
    Matcher placeholder = PLACEHOLDER.matcher(yaml);
    StringBuilder rendered = new StringBuilder();
    while (placeholder.find()) {
      used.add(placeholder.group(1));
      String value = SAMPLE_VALUES.get(placeholder.group(1));
      assertThat(value).as("a sample value for ${" + placeholder.group(1) + "}").isNotNull();
      placeholder.appendReplacement(rendered, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(rendered);
    assertThat(passed).as("values passed to " + template.group(1)).isEqualTo(used);

    Path directory =
        Files.createDirectories(
            Path.of("target", "terraform-examples", example.getFileName().toString()));
    // $${...} is Terraform's escape for a literal ${...}, left for the service to fill in.
    Path config =
        Files.writeString(
            directory.resolve("tributary.yaml"), rendered.toString().replace("$${", "${"));
    Commands.Result result =
        Commands.run(
            Path.of("."),
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                serviceJar().toString(),
                "validate"),
            Map.of(
                "QUARKUS_CONFIG_LOCATIONS",
                config.toAbsolutePath().toString(),
                "TRIBUTARY_OPERATOR_TOKEN",
                "example-operator-token-from-secrets-manager"),
            120);
    assertThat(result.exitCode()).as("validate of " + config + ":\n" + result.output()).isZero();
    assertThat(result.output()).contains("Configuration is valid");
  }

  private static Block moduleCall(List<TerraformFile> files) {
    List<Block> calls = new ArrayList<>(all(files, "module"));
    assertThat(calls).as("module calls").hasSize(1);
    return calls.get(0);
  }

  private static Path serviceJar() {
    Path jar =
        Path.of(System.getProperty("tributary.service.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          "The service is not packaged at " + jar + "; run ./mvnw package");
    }
    return jar.toAbsolutePath();
  }
}
