package io.crmkit.automation;

import io.crmkit.automation.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a unit test: prints how long reading a {@code journeys/1} document takes with embedded
 * conditions read from their own text (what {@link JourneyJson} does), against the least that a
 * "re-read the whole document at a JSON pointer" design would cost (one whole-document parse per
 * condition), in the same process. Run: {@code java -cp <test classpath> io.crmkit.automation.JourneyJsonBench}.
 */
public final class JourneyJsonBench {
    private JourneyJsonBench() {}

    /** @param args none */
    public static void main(String[] args) {
        System.out.printf(
                "%-9s %-10s %-10s %-16s %-22s %s%n",
                "journeys", "KiB", "conditions", "write ms", "read ms (JourneyJson)", "pointer design ≥ ms (ratio)");
        for (int n : new int[] {100, 1000, 3000}) {
            List<Journey> journeys = new ArrayList<>();
            Random r = new Random(7);
            for (int i = 0; i < n; i++) {
                Journey g = new ArrayList<>(Flows.golden().values()).get(i % 6);
                journeys.add(g.toBuilder().version(1 + i).build());
            }
            String doc = JourneyJson.toJson(journeys);
            int conditions = 0;
            for (Journey j : journeys) {
                conditions += j.filter().isPresent() ? 1 : 0;
                for (Step s : j.steps()) {
                    conditions += s instanceof Step.Branch ? 1 : 0;
                }
            }
            long write = best(() -> JourneyJson.toJson(journeys));
            long read = best(() -> JourneyJson.journeysFromJson(doc));
            // the alternative: each condition costs one parse of the whole document (a lower bound)
            long oneParse = best(() -> JsonTree.read(doc));
            long pointer = read + conditions * oneParse;
            System.out.printf(
                    "%-9d %-10d %-10d %-16.1f %-22.1f %.1f (%.0fx)%n",
                    n,
                    doc.length() / 1024,
                    conditions,
                    write / 1e6,
                    read / 1e6,
                    pointer / 1e6,
                    (double) pointer / read);
            if (!JourneyJson.journeysFromJson(doc).equals(journeys) || r.nextInt(1) != 0) {
                throw new AssertionError("round trip failed");
            }
        }
    }

    private static long best(Runnable task) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            task.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }
}
