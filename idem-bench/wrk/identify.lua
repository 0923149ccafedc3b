-- wrk script: identify calls for synthetic people, as ServerLoad sends them. Each person is seen
-- about three times with different identifier subsets (email + device, phone + document,
-- email + phone), so calls create, enrich and join profiles. IDEM_KEY is a write key; PERSONS
-- (default 50000) the number of people; RUN a prefix that keeps messageIds unique across runs.
local key = os.getenv("IDEM_KEY")
local persons = tonumber(os.getenv("PERSONS") or "50000")
local run = os.getenv("RUN") or tostring(os.time())
local n = 0

request = function()
  n = n + 1
  local p = n % persons
  local round = math.floor(n / persons) % 3
  local email = '"email":"persona' .. p .. '@correo.com.ar"'
  local phone = '"phone":"+54911' .. (40000000 + p) .. '"'
  local doc = '"document":"' .. (10000000 + p) .. '"'
  local device = '"device_id":"d' .. p .. '"'
  local ids
  if round == 0 then ids = email .. "," .. device
  elseif round == 1 then ids = phone .. "," .. doc
  else ids = email .. "," .. phone end
  local body = '{"identifiers":{' .. ids .. '},"traits":{"firstName":"N' .. p .. '"},"messageId":"' .. run .. '-' .. n .. '"}'
  return wrk.format("POST", "/v1/identify",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
