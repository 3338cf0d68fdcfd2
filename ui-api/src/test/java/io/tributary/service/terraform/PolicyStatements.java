package io.tributary.service.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.service.terraform.TerraformSources.Block;
import java.util.ArrayList;
import java.util.List;

/** The statements of {@code aws_iam_policy_document} data sources, plain and dynamic. */
final class PolicyStatements {
  private PolicyStatements() {}

  /** One statement of a policy document; list fields may be one expression string instead. */
  record Statement(String document, JsonNode body) {
    String sid() {
      return body.path("sid").asText("(no sid)");
    }

    String where() {
      return "data.aws_iam_policy_document." + document + " statement " + sid();
    }

    boolean allows() {
      return !body.path("effect").asText("Allow").equals("Deny");
    }

    List<String> actions() {
      return strings(body.path("actions"));
    }

    List<String> resources() {
      return strings(body.path("resources"));
    }

    boolean hasResources() {
      return !body.path("resources").isMissingNode();
    }

    boolean hasPrincipals() {
      return !body.path("principals").isMissingNode();
    }

    /** NotAction and NotResource grant everything but what they name: never wanted here. */
    boolean usesNegation() {
      return body.has("not_actions") || body.has("not_resources");
    }
  }

  static List<Statement> of(Block document) {
    List<Statement> statements = new ArrayList<>();
    document
        .body()
        .path("statement")
        .forEach(s -> statements.add(new Statement(document.name(), s)));
    document
        .body()
        .path("dynamic")
        .path("statement")
        .forEach(
            d -> d.path("content").forEach(s -> statements.add(new Statement(document.name(), s))));
    return statements;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }
}
