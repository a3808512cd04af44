package dev.patterns.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.openjdk.jcstress.Main;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs jcstress after refusing the selections under which it would pass without testing anything.
 *
 * <p>jcstress exits 0 when the {@code -t} filter matches no test, when a test has more actors than
 * the machine has CPUs ("No scheduling is possible") and when {@code -c 1} is given. This launcher
 * checks those first and exits 2 with a message instead; otherwise it hands every argument to
 * jcstress unchanged, whose exit status (1 on a FORBIDDEN or failed test) it keeps.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -m default} (see README.md).
 */
public final class StressLauncher {

    private StressLauncher() {
    }

    /**
     * Checks the selection, then runs jcstress.
     *
     * @param args jcstress's own arguments
     * @throws Exception whatever jcstress throws
     */
    public static void main(String[] args) throws Exception {
        String problem = check(args, Runtime.getRuntime().availableProcessors());
        if (problem != null) {
            System.err.println("patterns-stress: " + problem);
            System.exit(2);
        }
        Main.main(args);
    }

    /** Returns why the run would be vacuous, or null when it is fine. */
    static String check(String[] args, int cpus) {
        String filter = ".*";
        Integer cpuLimit = null;
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length;
            if (args[i].equals("-t") && hasValue) {
                filter = args[++i];
            } else if (args[i].equals("-c") && hasValue) {
                try {
                    cpuLimit = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    return "-c: " + args[i] + " (expected: a whole number >= 2)";
                }
            } else if (args[i].equals("-l") || args[i].equals("-h")) {
                return null;
            }
        }
        if (cpuLimit != null) {
            if (cpuLimit < 2) {
                return "-c: " + cpuLimit + " (expected: >= 2; with one CPU no two actors ever race)";
            }
            cpus = Math.min(cpus, cpuLimit);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            return "-t: " + filter + " is not a regular expression: " + e.getDescription();
        }
        List<String> selected = new ArrayList<>();
        List<String> unschedulable = new ArrayList<>();
        for (String name : TestList.tests()) {
            if (pattern.matcher(name).find()) {
                selected.add(name);
                TestInfo info = TestList.getInfo(name);
                if (info.threads() > cpus) {
                    unschedulable.add(name + " (" + info.threads() + " actors)");
                }
            }
        }
        if (selected.isEmpty()) {
            return "-t: " + filter + " matches none of the " + TestList.tests().size()
                    + " tests in this jar (expected: at least one)";
        }
        if (!unschedulable.isEmpty()) {
            return "these tests need more actors than the " + cpus + " CPUs available, so jcstress"
                    + " would skip them and pass: " + unschedulable
                    + " (expected: at most " + cpus + " actors per test, or a machine with more CPUs)";
        }
        System.out.println("patterns-stress: running " + selected.size() + " test(s) matching '"
                + filter + "' on " + cpus + " CPUs");
        return null;
    }
}
