// Registration of the flight pipeline's actions (`flights.*`), one line in PipelineActions.

import LakeBuild

extension ActionRegistry {
    /// Adds every `flights.*` action.
    public mutating func registerFlights() {
        for action in [Action.flightsHourly, .flightsDaily, .flightsDensity, .flightsRoutes, .flightsReport,
                       .flightsQuickSightHourly, .flightsQuickSightRoutes] {
            register(action)
        }
    }
}
