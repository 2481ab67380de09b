-- Slot holds from distinct users spread over 64 courts x 6 days of half-hour slots.
local tokens = {}
local counter = 0
local path = ""
local tomorrow = 0
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  path = args[2]
  tomorrow = tonumber(args[3])
  counter = tonumber(args[4]) or 0
end
function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local court = (counter * 7919) % 64 + 1
  local slot = math.floor(counter * 104729 / 64) % 288
  local body = string.format('{"resourceCode":"C%d","startAt":%d,"slots":1}', court, tomorrow + slot * 1800000)
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
