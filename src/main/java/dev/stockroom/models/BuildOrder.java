package dev.stockroom.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders models so that each builds after the models it reads. Models caught in a cycle cannot
 * be ordered; they are returned apart, each with the cycle spelled out.
 */
final class BuildOrder {

    record Result(List<Model> ordered, Map<Model, String> cycles) {
    }

    private BuildOrder() {
    }

    static Result of(List<Model> models) {
        Map<String, Model> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        Map<String, Integer> mark = new HashMap<>(); // 1 visiting, 2 done
        List<Model> ordered = new ArrayList<>();
        Map<Model, String> cycles = new LinkedHashMap<>();
        for (Model m : models) {
            visit(m, byName, mark, new ArrayList<>(), ordered, cycles);
        }
        return new Result(ordered, cycles);
    }

    private static void visit(Model m, Map<String, Model> byName, Map<String, Integer> mark, List<String> path,
                              List<Model> ordered, Map<Model, String> cycles) {
        Integer state = mark.get(m.name());
        if (state != null && state == 2) {
            return;
        }
        if (state != null) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(m.name()), path.size()));
            loop.add(m.name());
            String text = "models read each other in a cycle: " + String.join(" → ", loop)
                    + "; break the cycle so one of them no longer reads analytics.<other>";
            for (String name : loop) {
                cycles.putIfAbsent(byName.get(name), text);
            }
            return;
        }
        mark.put(m.name(), 1);
        path.add(m.name());
        for (String dependency : m.reads().stream().sorted().toList()) {
            Optional.ofNullable(byName.get(dependency))
                    .ifPresent(d -> visit(d, byName, mark, path, ordered, cycles));
        }
        path.remove(path.size() - 1);
        mark.put(m.name(), 2);
        if (!cycles.containsKey(m)) {
            ordered.add(m);
        }
    }
}
