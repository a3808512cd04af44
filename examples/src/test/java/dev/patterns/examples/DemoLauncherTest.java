package dev.patterns.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.patterns.examples.async.CacheStampedeDemo;
import dev.patterns.examples.jdk.JdkPatternsDemo;
import dev.patterns.examples.pipeline.EventPlatformDemo;

class DemoLauncherTest {

    @Test
    void resolvesShortAndFullNames() {
        assertThat(DemoLauncher.resolve("CacheStampedeDemo")).isEqualTo(CacheStampedeDemo.class);
        assertThat(DemoLauncher.resolve("JdkPatternsDemo")).isEqualTo(JdkPatternsDemo.class);
        assertThat(DemoLauncher.resolve("dev.patterns.examples.pipeline.EventPlatformDemo"))
                .isEqualTo(EventPlatformDemo.class);
    }

    @Test
    void everyExampleWithAMainIsFoundByItsShortName() throws Exception {
        Path classes = Path.of(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> demos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                try {
                    if (Modifier.isStatic(c.getMethod("main", String[].class).getModifiers())
                            && c != DemoLauncher.class) {
                        demos.add(c);
                    }
                } catch (NoSuchMethodException notADemo) {
                    // a helper class
                }
            }
        }
        assertThat(demos).hasSizeGreaterThan(10);
        for (Class<?> demo : demos) {
            assertThat(DemoLauncher.resolve(demo.getSimpleName())).as(demo.getName()).isEqualTo(demo);
        }
    }

    @Test
    void anUnknownNameSaysWhereItLooked() {
        assertThatThrownBy(() -> DemoLauncher.resolve("NoSuchDemo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("demo: 'NoSuchDemo' (expected: an example class; looked for ")
                .hasMessageContaining("dev.patterns.examples.async.NoSuchDemo");
        assertThatThrownBy(() -> DemoLauncher.resolve(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("demo: ' ' (expected: a class name");
        assertThatThrownBy(() -> DemoLauncher.main(new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("args: [] (expected: the example's class name first)");
    }
}
