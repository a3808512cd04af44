package dev.patterns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the library's JFR events around a scenario, with the JDK's "default" settings (so the
 * test also shows what is on by default), and reads them back.
 */
public final class JfrCapture {

    /** A scenario that may throw. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    private JfrCapture() {
    }

    /**
     * Runs {@code scenario} under a recording with the "default" settings plus {@code zeroThreshold}
     * events enabled with no threshold, and returns the recorded events whose name starts with
     * {@code dev.patterns.}.
     */
    public static List<RecordedEvent> record(Scenario scenario, String... zeroThreshold) throws Exception {
        Objects.requireNonNull(scenario, "scenario");
        Path file = Files.createTempFile("patterns-", ".jfr");
        try (Recording recording = new Recording(defaults())) {
            for (String name : zeroThreshold) {
                recording.enable(name).withThreshold(Duration.ZERO);
            }
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("dev.patterns."))
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The events named {@code name}, in order of their start time. */
    public static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(name))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                .toList();
    }

    /** The default value of setting {@code setting} ("enabled", "threshold") of an event class. */
    public static String defaultSetting(Class<? extends jdk.jfr.Event> eventClass, String setting) {
        EventType type = EventType.getEventType(eventClass);
        return type.getSettingDescriptors().stream()
                .filter(d -> d.getName().equals(setting))
                .map(SettingDescriptor::getDefaultValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " has no setting " + setting));
    }

    private static Configuration defaults() {
        try {
            return Configuration.getConfiguration("default");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
