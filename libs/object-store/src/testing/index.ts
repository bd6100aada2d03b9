export { installS3Server, startS3Server, type TestS3Server } from './s3-server.ts';
