// Spherical geometry on a sphere of the Earth's mean radius: distances for routes, cell areas
// for the density grid, and interpolation for generated tracks.

import Foundation

/// Great-circle geometry, in degrees and kilometres.
public enum GreatCircle {
    public static let earthRadiusKm = 6371.0088

    /// Haversine distance between two points.
    public static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }

    /// Area of the cell between two latitudes and two longitudes on the sphere, in km².
    public static func cellAreaKm2(latMin: Double, latMax: Double, lonMin: Double, lonMax: Double) -> Double {
        let r = earthRadiusKm
        return r * r * abs(sin(latMax * .pi / 180) - sin(latMin * .pi / 180)) * abs(lonMax - lonMin) * .pi / 180
    }

    /// The point a fraction `f` of the way along the great circle from one point to another.
    public static func interpolate(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double, fraction f: Double) -> (lat: Double, lon: Double) {
        let p1 = lat1 * .pi / 180, l1 = lon1 * .pi / 180, p2 = lat2 * .pi / 180, l2 = lon2 * .pi / 180
        let d = distanceKm(lat1, lon1, lat2, lon2) / earthRadiusKm
        guard d > 1e-9 else { return (lat1, lon1) }
        let a = sin((1 - f) * d) / sin(d), b = sin(f * d) / sin(d)
        let x = a * cos(p1) * cos(l1) + b * cos(p2) * cos(l2)
        let y = a * cos(p1) * sin(l1) + b * cos(p2) * sin(l2)
        let z = a * sin(p1) + b * sin(p2)
        return (atan2(z, sqrt(x * x + y * y)) * 180 / .pi, atan2(y, x) * 180 / .pi)
    }

    /// Initial bearing from one point to another, degrees clockwise from north in [0, 360).
    public static func bearing(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180, dl = (lon2 - lon1) * .pi / 180
        let y = sin(dl) * cos(p2), x = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl)
        let degrees = atan2(y, x) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }
}
