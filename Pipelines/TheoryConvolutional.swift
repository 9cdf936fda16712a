import Pipeline
import Stages

/// 002 Eqs. 14–22: depth scales of the Fourier modes of a tanh CNN (3×3 kernel: k = 1) against σ_w².
let convolutionalModes = PipelineDefinition("002-cnn-modes", summary: "CNN Fourier-mode depth scales against σ_w² (002 Eqs. 14–22)") { p in
    let sw2: ParameterAxis = p.profile.pick(quick: .linear(0.5, 4, 15), default: .linear(0.5, 4, 176), paper: .linear(0.5, 4, 701))
    let modes = p.add("modes", ConvolutionalDepthScales(.init(activation: .tanh, sb2: 0.05, sw2: sw2, kernelHalfWidth: 1, spatialSize: 16)))
    p.add("figure", ConvolutionalModesFigure(.init(profile: p.profile), modes: modes))
}
