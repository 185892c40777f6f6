import test from 'ava';
import { createExecutor } from '../../src/drivers/executor.js';
import { ExecError, redactArgv } from '../../src/drivers/exec-error.js';

test('redactArgv hides every secret, also inside key=value words', (t) => {
  t.deepEqual(redactArgv(['tgtadm', '--password', 's3cret', 'password=s3cret'], ['s3cret']), ['tgtadm', '--password', '***', 'password=***']);
  t.deepEqual(redactArgv(['a', 'b'], undefined), ['a', 'b']);
  t.deepEqual(redactArgv(['a', ''], ['']), ['a', '']);
});

test('the real executor keeps secrets out of its debug log and of ExecError.argv', async (t) => {
  const logged: object[] = [];
  const exec = createExecutor({ logger: { debug: (o) => logged.push(o) } });
  const err = await t.throwsAsync(exec.run({ argv: [process.execPath, '-e', 'process.exit(3)', 'pw-XYZ123'], redact: ['pw-XYZ123'] }), { instanceOf: ExecError });
  t.deepEqual(err?.argv.at(-1), '***');
  t.false(JSON.stringify(logged).includes('pw-XYZ123'));
  t.true(JSON.stringify(logged).includes('***'));
});
