// `import nn from "@tsgrad/torch/nn"`: torch.nn.
import nn from "@tsgrad/nn";
export default nn;
export * from "@tsgrad/nn";
