-- Bumped whenever an account's password, roles or enabled state change; access tokens carry
-- the value they were issued with and stop working once it moves on.
alter table app_user add column token_stamp bigint not null default 0;

-- API tokens may be limited to reading, and may expire.
alter table api_token add column scope varchar(8) not null default 'write';
alter table api_token add constraint api_token_scope_check check (scope in ('read', 'write'));
alter table api_token add column expires_at timestamptz;
