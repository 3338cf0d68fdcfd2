package io.tributary.service.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terraform CLI over terraform/: fmt always, validate only where the AWS provider can be
 * installed (it cannot be downloaded on the machines this project is built on).
 */
class TerraformCliIT {
  @Test
  void everyFileIsFormatted() {
    requireTerraform();
    Commands.Result fmt =
        Commands.run(
            TerraformSources.root(),
            List.of("terraform", "fmt", "-check", "-recursive", "-diff", "-no-color"),
            Map.of(),
            120);
    assertThat(fmt.exitCode()).as("terraform fmt -check -recursive:\n" + fmt.output()).isZero();
  }

  @Test
  void moduleAndExamplesValidateWhereTheAwsProviderIsAvailable(@TempDir Path copy)
      throws IOException {
    requireTerraform();
    // A copy, so init's .terraform directories and lock files never land in the repository.
    copyTree(TerraformSources.root(), copy);
    List<Path> roots =
        Stream.concat(
                Stream.of(copy),
                TerraformSources.exampleDirectories().stream()
                    .map(d -> copy.resolve(TerraformSources.root().relativize(d))))
            .toList();
    for (Path root : roots) {
      Commands.Result init =
          Commands.run(
              root,
              List.of("terraform", "init", "-backend=false", "-input=false", "-no-color"),
              Map.of(),
              300);
      if (init.exitCode() != 0) {
        abort(
            "terraform validate skipped: the AWS provider is not available here (terraform init"
                + " failed in terraform/"
                + copy.relativize(root)
                + ": "
                + lastLines(init.output())
                + ")");
      }
      Commands.Result validate =
          Commands.run(root, List.of("terraform", "validate", "-no-color"), Map.of(), 300);
      assertThat(validate.exitCode())
          .as(
              "terraform validate in terraform/"
                  + copy.relativize(root)
                  + ":\n"
                  + validate.output())
          .isZero();
    }
  }

  private static void requireTerraform() {
    if (!Commands.onPath("terraform")) {
      abort("terraform is not on the PATH; the terraform fmt and validate checks are skipped");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path relative = from.relativize(path);
        if (relative.toString().contains(".terraform")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** The error terraform reports, without its boxes and hints. */
  private static String lastLines(String output) {
    List<String> lines =
        output
            .lines()
            .map(l -> l.replaceAll("^[│╷╵ ]+", "").strip())
            .filter(l -> !l.isBlank())
            .toList();
    int error = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Error:")) {
        error = i;
        break;
      }
    }
    return String.join(" ", lines.subList(error, Math.min(lines.size(), error + 4)));
  }
}
