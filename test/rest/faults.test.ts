import test from 'ava';
import { faultOf, RestError } from '../../src/api/rest/faults.js';
import { conflict, invalidParams, invalidState, KilnError, notFound } from '../../src/model/errors.js';

const cases: [string, unknown, number, string, string][] = [
  ['not found', notFound('Volume', 'v1'), 404, 'itemNotFound', 'Volume v1 could not be found.'],
  ['bad params', invalidParams('size', 'bad size'), 400, 'badRequest', 'bad size'],
  ['wrong status', invalidState('Invalid volume: busy'), 400, 'badRequest', 'Invalid volume: busy'],
  ['conflict', conflict('Volume Type x already exists.'), 409, 'conflictingRequest', 'Volume Type x already exists.'],
  ['forbidden', new KilnError('ERR_FORBIDDEN', 'no'), 403, 'forbidden', 'no'],
  ['unavailable', new KilnError('ERR_UNAVAILABLE', 'later'), 503, 'serviceUnavailable', 'later'],
  ['too large', new RestError(413, 'Request is too large.'), 413, 'overLimit', 'Request is too large.'],
  ['not acceptable', new RestError(406, 'v'), 406, 'computeFault', 'v'],
  ['not implemented', new RestError(501, 'nope'), 501, 'notImplemented', 'nope'],
  ['internal error hides details', new Error('secret stack'), 500, 'computeFault',
    'The server has either erred or is incapable of performing the requested operation.'],
  ['driver error hides details', new KilnError('ERR_DRIVER', 'lvcreate failed'), 500, 'computeFault',
    'The server has either erred or is incapable of performing the requested operation.'],
];

for (const [name, err, status, fault, message] of cases) {
  test(`answers ${name} as ${status} ${fault}`, (t) => {
    t.deepEqual(faultOf(err), { status, body: { [fault]: { code: status, message } } });
  });
}
