package dev.patterns.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps the README's code honest: every {@code ```java} block whose first line names an example
 * file ({@code // examples/src/main/java/...java}) must stand in that file, line for line (leading
 * white space and blank lines aside), so a snippet cannot drift from the tested code it shows.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("^// (examples/src/(?:main|test)/java/\\S+\\.java)$");

    @Test
    void everyMarkedSnippetStandsInItsExampleFile() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher blocks = BLOCK.matcher(readme);
        int checked = 0;
        while (blocks.find()) {
            List<String> lines = List.of(blocks.group(1).split("\n"));
            Matcher source = SOURCE.matcher(lines.get(0).strip());
            if (!source.matches()) {
                continue;
            }
            Path file = root.resolve(source.group(1));
            assertThat(file).as("the file a README snippet names").exists();
            List<String> snippet = normalised(lines.subList(1, lines.size()));
            List<String> code = normalised(Files.readAllLines(file));
            assertThat(Collections.indexOfSubList(code, snippet))
                    .as("README snippet not found verbatim in %s:%n%s", source.group(1), String.join("\n", snippet))
                    .isNotNegative();
            checked++;
        }
        assertThat(checked).as("marked snippets in the README").isGreaterThanOrEqualTo(5);
    }

    private static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
