package io.tributary.service.terraform;

import static io.tributary.service.terraform.TerraformSources.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.service.terraform.TerraformSources.Block;
import java.util.Comparator;
import java.util.List;

/** The inputs and outputs tables of terraform/README.md, rendered from the module's sources. */
final class ReadmeTables {
  private ReadmeTables() {}

  static String inputs(List<Block> variables) {
    StringBuilder table = new StringBuilder("| Name | Description | Type | Default | Required |\n");
    table.append("|---|---|---|---|:---:|\n");
    for (Block variable : sorted(variables)) {
      JsonNode body = variable.body();
      boolean required = !body.has("default");
      table
          .append("| `")
          .append(variable.name())
          .append("` | ")
          .append(cell(body.path("description").asText()))
          .append(" | `")
          .append(cell(expression(body.path("type"))))
          .append("` | ")
          .append(required ? "" : "`" + cell(defaultValue(body.path("default"))) + "`")
          .append(" | ")
          .append(required ? "yes" : "no")
          .append(" |\n");
    }
    return table.toString();
  }

  static String outputs(List<Block> outputs) {
    StringBuilder table = new StringBuilder("| Name | Description |\n|---|---|\n");
    for (Block output : sorted(outputs)) {
      table
          .append("| `")
          .append(output.name())
          .append("` | ")
          .append(cell(output.body().path("description").asText()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** Replaces what stands between {@code <!-- BEGIN name -->} and {@code <!-- END name -->}. */
  static String replace(String text, String name, String table) {
    String begin = "<!-- BEGIN " + name + " -->\n";
    String end = "<!-- END " + name + " -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException("terraform/README.md lacks the markers " + begin + end);
    }
    return text.substring(0, from + begin.length()) + table + text.substring(to);
  }

  private static List<Block> sorted(List<Block> blocks) {
    return blocks.stream().sorted(Comparator.comparing(Block::name)).toList();
  }

  private static String defaultValue(JsonNode value) {
    return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
