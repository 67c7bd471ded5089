import { webkitEngine } from "../engines/webkit-engine";
import { hostileContentSuite } from "./hostile-content-suite";

hostileContentSuite(webkitEngine);
