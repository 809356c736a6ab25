// `import { models } from "@tsgrad/torch/vision"` (Python's `import torchvision.models as models`
// or `from torchvision import models`); `import torchvision from "@tsgrad/torch/vision"` gives
// `torchvision.models.vgg11`. The models themselves are in vision_models.ts, also importable as
// "@tsgrad/torch/vision/models" (`from torchvision.models import vgg11`).
import models from "./vision_models.ts";

const torchvision = { models, __version__: "0.14.0" };
export default torchvision;
export { models };
