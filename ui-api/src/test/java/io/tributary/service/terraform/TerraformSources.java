package io.tributary.service.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Terraform sources under {@code terraform/}, parsed to JSON once by {@code
 * terraform/rules/hcl2json} (npm {@code @cdktf/hcl2json}, which keeps expressions as written, for
 * example {@code "${var.name}"}).
 */
final class TerraformSources {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TerraformSources parsed;

  private final Path root;
  private final Map<Path, JsonNode> files;

  private TerraformSources(Path root, Map<Path, JsonNode> files) {
    this.root = root;
    this.files = files;
  }

  static synchronized TerraformSources get() {
    if (parsed == null) {
      parsed = parse(root());
    }
    return parsed;
  }

  /** The repository's terraform/ directory; the tests run with ui-api/ as working directory. */
  static Path root() {
    return Path.of(System.getProperty("tributary.terraform.dir", "../terraform"))
        .toAbsolutePath()
        .normalize();
  }

  static List<Path> exampleDirectories() {
    try (Stream<Path> children = Files.list(root().resolve("examples"))) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TerraformSources parse(Path root) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("rules/hcl2json").toString());
    command.add(root.toString());
    exampleDirectories().forEach(d -> command.add(d.toString()));
    Commands.Result result = Commands.run(root, command, Map.of(), 600);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("hcl2json failed:\n" + result.output());
    }
    try {
      JsonNode tree = JSON.readTree(result.output());
      Map<Path, JsonNode> files = new LinkedHashMap<>();
      tree.fields().forEachRemaining(e -> files.put(Path.of(e.getKey()), e.getValue()));
      return new TerraformSources(root, files);
    } catch (IOException e) {
      throw new IllegalStateException("hcl2json printed no JSON:\n" + result.output(), e);
    }
  }

  /** The parsed files of the module itself (terraform/*.tf). */
  List<TerraformFile> module() {
    return in(root);
  }

  /** The parsed files of one example's root module. */
  List<TerraformFile> in(Path directory) {
    return files.entrySet().stream()
        .filter(e -> e.getKey().getParent().equals(directory))
        .map(e -> new TerraformFile(e.getKey(), e.getValue()))
        .toList();
  }

  /** One parsed .tf file. */
  record TerraformFile(Path path, JsonNode json) {
    String name() {
      return path.getFileName().toString();
    }

    /** Blocks with two labels: {@code resource "type" "name"}, {@code data "type" "name"}. */
    List<Block> blocks(String kind, String type) {
      List<Block> blocks = new ArrayList<>();
      json.path(kind)
          .path(type)
          .fields()
          .forEachRemaining(
              e -> e.getValue().forEach(body -> blocks.add(new Block(type, e.getKey(), body))));
      return blocks;
    }

    /** Blocks with one label: {@code variable "name"}, {@code output "name"}, {@code module}. */
    List<Block> blocks(String kind) {
      List<Block> blocks = new ArrayList<>();
      json.path(kind)
          .fields()
          .forEachRemaining(
              e -> e.getValue().forEach(body -> blocks.add(new Block(kind, e.getKey(), body))));
      return blocks;
    }
  }

  /** A block's labels and body. */
  record Block(String type, String name, JsonNode body) {
    String address() {
      return type + "." + name;
    }
  }

  static List<Block> all(List<TerraformFile> files, String kind, String type) {
    return files.stream().flatMap(f -> f.blocks(kind, type).stream()).toList();
  }

  static List<Block> all(List<TerraformFile> files, String kind) {
    return files.stream().flatMap(f -> f.blocks(kind).stream()).toList();
  }

  /** {@code "${string}"} -> {@code string}. */
  static String expression(JsonNode node) {
    String text = node.asText();
    return text.startsWith("${") && text.endsWith("}")
        ? text.substring(2, text.length() - 1)
        : text;
  }
}
