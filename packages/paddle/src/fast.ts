// Large matmul and convolution go to onnxruntime when it loads, as in @tsgrad/torch (small ops
// stay in TypeScript). Imported by every entry point (paddle, paddle/nn, paddle/vision/models),
// so `from paddle.vision.models import vgg11` alone gets the fast kernels too.
import * as onnx from "@tsgrad/onnx";

onnx.register();
