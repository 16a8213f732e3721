import Foundation
import RateLab

/// m_k = shape(C ρ^{x_k}, floor) · exp(σ z_k), z_k ~ N(0, 1) from `RandomStream(seed:, purpose: .noise)`,
/// where shape is max(decay, floor) or, with `additiveFloor`, decay + floor (a rounded corner).
func noisyGeometric(x: [Double], rate: Double, constant: Double = 1, floor: Double = 0, additiveFloor: Bool = false,
                    sigma: Double, seed: UInt64) -> [Double] {
    var noise = RandomStream(seed: seed, purpose: .noise)
    return x.map { xk in
        let decay = constant * pow(rate, xk)
        let clean = additiveFloor ? decay + floor : max(decay, floor)
        return clean * exp(sigma * noise.nextGaussian())
    }
}
