// Child process for the atomic-save test: saves a large, valid scenario to argv[2] through the
// app's save path (writeWithBackup) and is SIGKILLed by the test while it writes.
import { writeWithBackup } from '../../../../src-main/main/scenario-files';
import { serializeScenario } from '../../../../src-core/scenario/save';
import { makeScenario } from '../../../../src-core/scenario/schema';

const [path, megabytes] = [process.argv[2]!, Number(process.argv[3])];
const notes = 'x'.repeat(megabytes * 1024 * 1024);
const text = serializeScenario(makeScenario({ formatVersion: 2, name: 'new', notes, constellation: {} }));
void writeWithBackup(path, text).then(() => process.stdout.write('done\n'));
