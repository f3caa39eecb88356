// Child-process entry of the throughput grid: measures one cell given as a JSON argument and
// prints the cell as JSON. Run per cell so that a wasm heap exhaustion (an abort that leaves the
// module unusable) costs only that cell.
import { measureThroughput, type ThroughputOptions } from './measure-throughput.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as ThroughputOptions;
const cell = await measureThroughput(options);
process.stdout.write(`CELL ${JSON.stringify(cell)}\n`);
