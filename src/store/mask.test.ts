import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask.js';

describe('passwords are masked in every form', () => {
  it.each([
    ['postgres://ann:s3cret@db.example/app', 'postgres://ann:***@db.example/app'],
    ['postgres://db.example/app?password=s3cret&sslmode=require', 'postgres://db.example/app?password=***&sslmode=require'],
    ['postgresql://ann@db.example/app?user=ann&PASSWORD=s3cret', 'postgresql://ann@db.example/app?user=ann&PASSWORD=***'],
    ['mysql://root:s3cret@localhost/app', 'mysql://root:***@localhost/app'],
    ['host=db.example password=s3cret dbname=app', 'host=db.example password=*** dbname=app'],
    ["host=db.example password='s3 cret' dbname=app", 'host=db.example password=*** dbname=app'],
    ['host=db.example PASSWORD = s3cret', 'host=db.example PASSWORD = ***'],
  ])('%s', (given, shown) => {
    expect(maskSecrets(given)).toBe(shown);
    expect(maskSecrets(given)).not.toContain('s3');
  });
});
