// `import F from "@tsgrad/torch/nn/functional"`: torch.nn.functional.
import F from "@tsgrad/nn/functional";
export default F;
export * from "@tsgrad/nn/functional";
