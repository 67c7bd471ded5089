import { chromiumEngine } from "../engines/chromium-engine";
import { hostileContentSuite } from "./hostile-content-suite";

hostileContentSuite(chromiumEngine);
