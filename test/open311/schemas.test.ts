import { expect } from 'chai';
import { expectSchema } from './schemas.js';

/** The schema check itself: it refuses what the spec refuses, and says where. */
describe('Open311: the GeoReport v2 schema check', () => {
  const request = {
    service_request_id: 'ABCD-EFGH',
    status: 'closed',
    service_code: 'sampah',
    requested_datetime: '2026-11-05T08:15:30+07:00',
    updated_datetime: null,
    lat: null,
    long: null,
    media_url: null,
  };

  it('accepts a service request in the spec shape', () => {
    expectSchema([request], 'requests');
  });

  it('refuses a service request without a service_code string, naming the field and the value', () => {
    expect(() => expectSchema([{ ...request, service_code: null }], 'requests')).to.throw(/\/0\/service_code must be string.*found null/);
    expect(() => expectSchema([{ ...request, requested_datetime: '2026-11-05 08:15' }], 'requests')).to.throw(/requested_datetime must match format "date-time"/);
    expect(() => expectSchema([{ ...request, status: 'pending' }], 'requests')).to.throw(/status must be equal to one of the allowed values/);
  });

  it('an answer to POST has service_request_id or token, not both; errors carry a code and a description', () => {
    expectSchema([{ service_request_id: '1', service_notice: null, account_id: null }], 'request-created');
    expect(() => expectSchema([{ service_request_id: '1', token: '2' }], 'request-created')).to.throw(/oneOf/);
    expect(() => expectSchema([{ code: 404 }], 'errors')).to.throw(/must have required property 'description'/);
  });
});
