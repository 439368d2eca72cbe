// The built-in actions of lakemake's pipelines, registered with the engine under their rule
// names (`sales.*`, `flights.*`). The engine itself only knows `copy` and `sh`.

import LakeBuild

/// Every action rules may name.
public enum PipelineActions {
    public static let registry: ActionRegistry = {
        var r = ActionRegistry()
        r.registerSales()
        r.registerFlights()
        r.register(QuickSightManifest.action)
        return r
    }()
}
