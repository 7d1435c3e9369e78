package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icldynamics.config.ConfigException;
import org.icldynamics.report.Csv;

/**
 * A study's {@code study.csv}: columns {@code run,<swept keys in dotted form...>,seed,status,final_train_loss,
 * final_eval_loss,wall_seconds}, one row per run (its directory is {@code runs/<run>/} beside the file).
 *
 * @param keys the swept keys, in column order
 * @param rows one map per run, column name to text
 */
public record StudyTable(List<String> keys, List<Map<String, String>> rows) {
    static final List<String> TAIL = List.of("seed", "status", "final_train_loss", "final_eval_loss", "wall_seconds");

    /** @throws ConfigException when the header does not follow the contract (file and what is wrong) */
    public static StudyTable read(Path file) throws IOException {
        List<List<String>> lines = Csv.parse(Files.readString(file));
        if (lines.isEmpty()) {
            throw new ConfigException(file + ": empty (expected a header run,<keys...>,seed,...)");
        }
        List<String> header = lines.get(0);
        int seed = header.indexOf("seed");
        if (header.isEmpty() || !header.get(0).equals("run") || seed < 1
                || !header.subList(seed, header.size()).containsAll(TAIL)) {
            throw new ConfigException(file + ":1: header must be run,<swept keys...>," + String.join(",", TAIL)
                    + ", got " + String.join(",", header));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> l = lines.get(i);
            if (l.size() == 1 && l.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < l.size() ? l.get(c) : "");
            }
            rows.add(row);
        }
        return new StudyTable(List.copyOf(header.subList(1, seed)), rows);
    }

    /** The final loss of a row: {@code final_eval_loss}, else {@code final_train_loss}; NaN when neither is finite. */
    static double finalLoss(Map<String, String> row) {
        double e = number(row.get("final_eval_loss"));
        return Double.isFinite(e) ? e : number(row.get("final_train_loss"));
    }

    static double number(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
