package io.tributary.service.terraform;

import static io.tributary.service.terraform.TerraformSources.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.service.terraform.PolicyStatements.Statement;
import io.tributary.service.terraform.TerraformSources.Block;
import io.tributary.service.terraform.TerraformSources.TerraformFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules over the Terraform module in {@code terraform/}, checked on its HCL parsed to JSON: the AWS
 * provider cannot be downloaded everywhere the suite runs, so these hold without it.
 */
class TerraformModuleIT {
  /**
   * Statements allowed a "*" resource, by sid, with the action that needs it: AWS offers no
   * narrower resource. Each must be named in iam.tf's header comment too.
   */
  private static final Map<String, String> STAR_RESOURCES =
      Map.of("EcrToken", "ecr:GetAuthorizationToken");

  /** Deny statements may name every action of a service: denying more is the safe direction. */
  private static final Set<String> DENY_WILDCARDS = Set.of("s3:*");

  /** What a resource of a policy statement may be built from: the module's inputs and resources. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(var|local|data|aws_[a-z0-9_]+)\\.([a-z0-9_]+)");

  private final TerraformSources sources = TerraformSources.get();
  private final List<TerraformFile> module = sources.module();

  @Test
  void everyVariableIsTypedAndDescribed() {
    List<String> violations = new ArrayList<>();
    List<List<TerraformFile>> roots = new ArrayList<>();
    roots.add(module);
    TerraformSources.exampleDirectories().forEach(d -> roots.add(sources.in(d)));
    for (List<TerraformFile> root : roots) {
      for (TerraformFile file : root) {
        for (Block variable : file.blocks("variable")) {
          String where = file.path() + ": variable " + variable.name();
          if (!variable.body().has("type")) {
            violations.add(where + " has no type");
          }
          if (variable.body().path("description").asText().isBlank()) {
            violations.add(where + " has no description");
          }
        }
        for (Block output : file.blocks("output")) {
          if (output.body().path("description").asText().isBlank()) {
            violations.add(file.path() + ": output " + output.name() + " has no description");
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void noIamActionIsAWildcard() {
    List<String> violations = new ArrayList<>();
    for (Statement statement : statements()) {
      if (statement.usesNegation()) {
        violations.add(statement.where() + " uses not_actions or not_resources");
      }
      for (String action : statement.actions()) {
        boolean allowedDeny = !statement.allows() && DENY_WILDCARDS.contains(action);
        if (action.contains("*") && !allowedDeny) {
          violations.add(statement.where() + " has the wildcard action '" + action + "'");
        }
        if (action.contains("${")) {
          violations.add(statement.where() + " computes an action: '" + action + "'");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyIamResourceComesFromTheModulesInputsOrResources() throws IOException {
    Map<String, JsonNode> locals = locals();
    String iamSource = Files.readString(TerraformSources.root().resolve("iam.tf"));
    List<String> violations = new ArrayList<>();
    for (Statement statement : statements()) {
      if (!statement.hasResources()) {
        // Trust policies name a principal instead; they may only let a service assume the role.
        if (!statement.hasPrincipals() || !statement.actions().equals(List.of("sts:AssumeRole"))) {
          violations.add(statement.where() + " has no resources and is not a trust statement");
        }
        continue;
      }
      for (String resource : statement.resources()) {
        if (resource.equals("*")) {
          String action = STAR_RESOURCES.get(statement.sid());
          if (action == null || !statement.actions().equals(List.of(action))) {
            violations.add(
                statement.where() + " has the resource \"*\" and is no listed exception");
          } else if (!iamSource.contains("#   - " + action)) {
            violations.add(statement.where() + ": " + action + " is not listed in iam.tf's header");
          }
          continue;
        }
        violations.addAll(derivation(statement.where(), resource, locals));
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void rolePoliciesComeFromPolicyDocuments() {
    List<String> violations = new ArrayList<>();
    for (Block policy : all(module, "resource", "aws_iam_role_policy")) {
      String text = policy.body().path("policy").asText();
      if (!text.matches("\\$\\{data\\.aws_iam_policy_document\\.[a-z0-9_]+\\.json}")) {
        violations.add(policy.address() + " is not built from an aws_iam_policy_document: " + text);
      }
    }
    assertThat(all(module, "resource", "aws_iam_policy")).isEmpty();
    assertThat(violations).isEmpty();
  }

  @Test
  void theBucketIsEncryptedVersionedPrivateAndTlsOnly() {
    JsonNode encryption =
        single("aws_s3_bucket_server_side_encryption_configuration").path("rule").path(0);
    JsonNode byDefault = encryption.path("apply_server_side_encryption_by_default").path(0);
    assertThat(byDefault.path("sse_algorithm").asText())
        .as("bucket encryption")
        .isEqualTo("aws:kms");
    assertThat(byDefault.path("kms_master_key_id").asText()).as("bucket KMS key").isNotBlank();
    assertThat(encryption.path("bucket_key_enabled").asBoolean()).as("bucket key").isTrue();

    assertThat(
            single("aws_s3_bucket_versioning")
                .path("versioning_configuration")
                .path(0)
                .path("status")
                .asText())
        .as("bucket versioning")
        .isEqualTo("Enabled");

    JsonNode publicAccess = single("aws_s3_bucket_public_access_block");
    for (String block :
        List.of(
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets")) {
      assertThat(publicAccess.path(block).asBoolean()).as("public access block " + block).isTrue();
    }

    JsonNode lifecycle = single("aws_s3_bucket_lifecycle_configuration");
    assertThat(lifecycle.toString())
        .as("lifecycle rule aborting incomplete multipart uploads")
        .contains("abort_incomplete_multipart_upload");

    String policy = single("aws_s3_bucket_policy").path("policy").asText();
    Matcher document =
        Pattern.compile("\\$\\{data\\.aws_iam_policy_document\\.([a-z0-9_]+)\\.json}")
            .matcher(policy);
    assertThat(document.matches()).as("bucket policy from a policy document: " + policy).isTrue();
    List<Statement> bucketStatements =
        statements().stream().filter(s -> s.document().equals(document.group(1))).toList();
    assertThat(bucketStatements)
        .as("a statement denying every request without TLS")
        .anySatisfy(
            s -> {
              assertThat(s.allows()).isFalse();
              assertThat(s.actions()).containsExactly("s3:*");
              assertThat(s.body().path("condition").toString())
                  .contains("aws:SecureTransport")
                  .contains("false");
            });
    assertThat(bucketStatements)
        .as("a statement denying uploads encrypted otherwise than with KMS")
        .anySatisfy(
            s -> {
              assertThat(s.allows()).isFalse();
              assertThat(s.actions()).containsExactly("s3:PutObject");
              assertThat(s.body().path("condition").toString())
                  .contains("s3:x-amz-server-side-encryption")
                  .contains("aws:kms");
            });
  }

  @Test
  void athenaResultsAreEnforcedAndEncrypted() {
    JsonNode configuration = single("aws_athena_workgroup").path("configuration").path(0);
    assertThat(configuration.path("enforce_workgroup_configuration").asBoolean()).isTrue();
    JsonNode results = configuration.path("result_configuration").path(0);
    assertThat(results.path("output_location").asText()).startsWith("s3://");
    assertThat(results.path("encryption_configuration").path(0).path("encryption_option").asText())
        .isEqualTo("SSE_KMS");
  }

  @Test
  void logMetricFiltersMatchTheServicesLogMessages() throws IOException {
    // The alarms are fed by metric filters over the service's JSON logs (see observability.tf),
    // so the log statements they match must stay as they are.
    String observability = Files.readString(TerraformSources.root().resolve("observability.tf"));
    Path pipeline =
        TerraformSources.root()
            .resolve("../ingest/src/main/java/io/tributary/ingest/Pipeline.java")
            .normalize();
    String code = Files.readString(pipeline);
    assertThat(observability).contains("pipeline_logger  = \"io.tributary.ingest.Pipeline\"");
    assertThat(code).contains("LoggerFactory.getLogger(Pipeline.class)");
    Map<String, String> filterToStatement =
        Map.of(
            "Pipeline * failed*", "LOG.error(\"Pipeline {} failed\"",
            "Dead letter: *", "LOG.warn(\"Dead letter: {}\"",
            "Committed * rows to *", "log(quiet, \"Committed {} rows to {} up to {}\"");
    filterToStatement.forEach(
        (filter, statement) -> {
          assertThat(observability).contains("$.message = \\\"" + filter + "\\\"");
          assertThat(code).as("log statement in " + pipeline).contains(statement);
        });
  }

  @Test
  void theReadmeListsEveryInputAndOutput() throws IOException {
    Path readme = TerraformSources.root().resolve("README.md");
    String text = Files.readString(readme);
    String updated =
        ReadmeTables.replace(
            ReadmeTables.replace(text, "INPUTS", ReadmeTables.inputs(all(module, "variable"))),
            "OUTPUTS",
            ReadmeTables.outputs(all(module, "output")));
    if (Boolean.getBoolean("tributary.terraform.update-readme")) {
      Files.writeString(readme, updated);
      return;
    }
    assertThat(text)
        .as(
            "terraform/README.md tables out of step with variables.tf/outputs.tf; rerun with"
                + " -Dtributary.terraform.update-readme=true to rewrite them")
        .isEqualTo(updated);
  }

  private JsonNode single(String resourceType) {
    List<Block> blocks = all(module, "resource", resourceType);
    assertThat(blocks).as("resource " + resourceType).hasSize(1);
    return blocks.get(0).body();
  }

  private List<Statement> statements() {
    return all(module, "data", "aws_iam_policy_document").stream()
        .flatMap(d -> PolicyStatements.of(d).stream())
        .toList();
  }

  private Map<String, JsonNode> locals() {
    Map<String, JsonNode> locals = new java.util.HashMap<>();
    for (TerraformFile file : module) {
      file.json()
          .path("locals")
          .forEach(
              block -> block.fields().forEachRemaining(e -> locals.put(e.getKey(), e.getValue())));
    }
    return locals;
  }

  /**
   * Why a resource string is not built from the module's inputs and resources, or nothing: it must
   * interpolate, and every local it names must itself be built from references.
   */
  private static List<String> derivation(
      String where, String resource, Map<String, JsonNode> locals) {
    List<String> violations = new ArrayList<>();
    if (!resource.contains("${")) {
      violations.add(where + " has the literal resource '" + resource + "'");
      return violations;
    }
    Matcher reference = REFERENCE.matcher(resource);
    boolean any = false;
    while (reference.find()) {
      any = true;
      if (reference.group(1).equals("local")) {
        JsonNode local = locals.get(reference.group(2));
        if (local == null) {
          violations.add(where + " names the undefined local." + reference.group(2));
        } else if (!local.toString().contains("${")) {
          violations.add(where + " names local." + reference.group(2) + ", a literal: " + local);
        }
      }
    }
    if (!any) {
      violations.add(where + " has a resource built from no input or resource: '" + resource + "'");
    }
    return violations;
  }
}
