package dev.unikernel.benchmarks.fat;

import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FormatOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link VolumeOperationsBenchmark} and {@link VolumeMountBenchmark} and prints, per operation, the time on each volume configuration
 * and the ratio of the slowest to the fastest (1.0 means the cost does not depend on the volume), plus
 * {@code RESULT} lines for scripts/bench.sh. Arguments are JMH's (e.g. {@code -wi 1 -i 2 -r 500ms},
 * or a benchmark name pattern).
 */
public final class VolumeScaleReport {

    private VolumeScaleReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(VolumeOperationsBenchmark.class.getName());
            options.include(VolumeMountBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Map<String, Double>> byOperation = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String operation = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            long volumeMiB = Long.parseLong(r.getParams().getParam("volumeMiB"));
            String config = volumeMiB + " MiB " + r.getParams().getParam("fillPercent") + "%";
            double score = r.getPrimaryResult().getScore();
            byOperation.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(config, score);
            if (operation.equals("appendOneCluster")) {
                // FAT16's cluster grows with the volume (2 KiB at 64 MiB, 32 KiB at 2 GiB): compare per KiB.
                byOperation.computeIfAbsent("appendPerKiB", k -> new LinkedHashMap<>())
                        .put(config, score / (clusterBytes(volumeMiB) / 1024.0));
            }
        }
        byOperation.remove("appendOneCluster");
        print(byOperation);
    }

    private static int clusterBytes(long volumeMiB) throws IOException {
        return Fat16.format(new ZeroSkippingBlockDevice(volumeMiB << 20), FormatOptions.defaults()).clusterBytes();
    }

    private static void print(Map<String, Map<String, Double>> byOperation) {
        List<String> configs = new ArrayList<>();
        byOperation.values().forEach(m -> m.keySet().stream().filter(c -> !configs.contains(c)).forEach(configs::add));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%n%-22s", "µs per operation"));
        configs.forEach(c -> header.append(String.format(Locale.ROOT, " %14s", c)));
        header.append(String.format(Locale.ROOT, " %11s", "worst/best"));
        System.out.println(header);
        List<String> resultLines = new ArrayList<>();
        for (var entry : byOperation.entrySet()) {
            Map<String, Double> times = entry.getValue();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s", entry.getKey()));
            configs.forEach(c -> row.append(times.containsKey(c)
                    ? String.format(Locale.ROOT, " %14.2f", times.get(c)) : String.format(Locale.ROOT, " %14s", "-")));
            var worst = times.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            var best = times.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
            double ratio = worst.getValue() / best.getValue();
            row.append(String.format(Locale.ROOT, " %11.2f", ratio));
            System.out.println(row);
            // ours: the slowest configuration, peer: the fastest, so the ratio is worst/best.
            resultLines.add(String.format(Locale.ROOT, "RESULT fat-volume.%s@%s %.3f us best@%s %.3f %.3f",
                    entry.getKey(), worst.getKey().replace(" MiB ", "MiB-"), worst.getValue(),
                    best.getKey().replace(" MiB ", "MiB-"), best.getValue(), ratio));
        }
        System.out.println();
        resultLines.forEach(System.out::println);
    }
}
